/**
 * The Vertex AI emulator's tuning jobs checked against the TuningJob of
 * Google's published protos (the protos.json of the official
 * @google-cloud/aiplatform package, a devDependency read at run time), on the
 * traffic the test file already made: `describeVertexConformance` adds one
 * test, run after the file's others, that validates every tuning-job response
 * the file's emulators gave and every job creation they accepted.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createProtoJsonValidator, type ProtoJsonValidator } from '../../emulators/shared/proto-json-validator.ts';
import type { ResponseRecord } from '../../emulators/shared/traffic-log.ts';
import { TUNING_JOB_FIELDS_BEYOND_PROTOS } from '../../emulators/vertex/fields-beyond-protos.ts';
import type { VertexEmulator } from '../../emulators/vertex/server.ts';

const LOCATION = '/{version}/projects/{project}/locations/{location}';
/** The message each tuning-job route answers with, and takes (the proto's `body`), under google.cloud.aiplatform.{version}. */
const ROUTES: Record<string, { request?: string; response: string }> = {
  [`POST ${LOCATION}/tuningJobs`]: { request: 'TuningJob', response: 'TuningJob' },
  [`GET ${LOCATION}/tuningJobs`]: { response: 'ListTuningJobsResponse' },
  [`GET ${LOCATION}/tuningJobs/{job}`]: { response: 'TuningJob' },
  [`POST ${LOCATION}/tuningJobs/{job}:cancel`]: { response: '.google.protobuf.Empty' },
};

let validator: ProtoJsonValidator | undefined;

/** The protos, read once per worker. */
export function aiplatformProtos(): ProtoJsonValidator {
  const descriptor = createRequire(import.meta.url).resolve('@google-cloud/aiplatform/build/protos/protos.json');
  validator ??= createProtoJsonValidator(descriptor, { additionalFields: TUNING_JOB_FIELDS_BEYOND_PROTOS });
  return validator;
}

export interface VertexTrafficCheck {
  problems: string[];
  /** `METHOD route (request|response) message` of what was checked. */
  checked: Set<string>;
}

export function checkTuningJobTraffic(protos: ProtoJsonValidator, records: readonly ResponseRecord[]): VertexTrafficCheck {
  const check: VertexTrafficCheck = { problems: [], checked: new Set() };
  for (const r of records) {
    const route = r.route && ROUTES[`${r.method} ${r.route}`];
    if (!route || r.status !== 200) continue;
    const version = /^\/(v1|v1beta1)\//.exec(r.path)?.[1];
    if (!version) {
      check.problems.push(`${r.method} ${r.path}: no API version in the path`);
      continue;
    }
    const message = (name: string) => (name.startsWith('.') ? name.slice(1) : `google.cloud.aiplatform.${version}.${name}`);
    const validate = (part: 'request' | 'response', name: string, value: unknown): void => {
      check.checked.add(`${r.method} ${r.route} ${part} ${name}`);
      const problems = protos.validate(message(name), value, part === 'request' ? 'read' : 'written');
      for (const p of problems) check.problems.push(`${r.method} ${r.path} (${part} ${message(name)}): ${p}`);
    };
    validate('response', route.response, r.body);
    if (route.request && r.request && r.request.body.length > 0) {
      let body: unknown;
      try {
        body = JSON.parse(r.request.body.toString('utf8'));
      } catch {
        check.problems.push(`${r.method} ${r.path} (request): the body is not JSON`);
        continue;
      }
      validate('request', route.request, body);
    }
  }
  return check;
}

/** Declare last in a file: its test reads the traffic of `emulators()` once the file's other tests have run. */
export function describeVertexConformance(emulators: () => readonly VertexEmulator[], expected: string[]): void {
  describe("Vertex AI emulator: fidelity to the TuningJob of Google's published protos (@google-cloud/aiplatform)", () => {
    it("every tuning job it accepted and every tuning-job response it gave in this file's tests conform to the protos", () => {
      const check = checkTuningJobTraffic(
        aiplatformProtos(),
        emulators().flatMap((e) => e.state.responses),
      );
      expect(check.problems).toEqual([]);
      expect([...check.checked].sort()).toEqual([...expected].sort());
    });
  });
}
