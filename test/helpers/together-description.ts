/**
 * The Together AI emulator checked against Together's published OpenAPI
 * description (TOGETHER_OPENAPI_SPEC, read at run time), on the traffic the
 * test file already made: `describeTogetherConformance` adds one test, run
 * after the file's others, that validates every response the file's emulators
 * gave and every request they accepted (emulators/shared/openapi-traffic.ts).
 */
import { describe, expect, it } from 'vitest';
import { checkTraffic } from '../../emulators/shared/openapi-traffic.ts';
import { createOpenAPIValidator, type OpenAPIValidator } from '../../emulators/shared/openapi-validator.ts';
import { TOGETHER_SPEC_CORRECTIONS } from '../../emulators/together/openapi-corrections.ts';
import type { TogetherEmulator } from '../../emulators/together/server.ts';
import { outsideDataPath, skipNote, TOGETHER_OPENAPI } from './outside-data.ts';

export const TOGETHER_SPEC = outsideDataPath(TOGETHER_OPENAPI);

let validator: OpenAPIValidator | undefined;

/** The description, parsed once per worker (about half a second). */
export function togetherValidator(): OpenAPIValidator {
  validator ??= createOpenAPIValidator(TOGETHER_SPEC!, { corrections: TOGETHER_SPEC_CORRECTIONS });
  return validator;
}

export interface ExpectedCoverage {
  /** `METHOD template` of the operations whose accepted requests the file's traffic must include. */
  requests: string[];
  /** Those whose responses it must include. */
  responses: string[];
}

/** Declare last in a file: its test reads the traffic of `emulators()` once the file's other tests have run. */
export function describeTogetherConformance(emulators: () => readonly TogetherEmulator[], expected: ExpectedCoverage): void {
  describe.skipIf(!TOGETHER_SPEC)(`Together AI emulator: fidelity to Together's OpenAPI description${skipNote(TOGETHER_OPENAPI, TOGETHER_SPEC)}`, () => {
    it("every request it accepted and every response it gave in this file's tests conform to the description", async () => {
      const check = await checkTraffic(
        togetherValidator(),
        emulators().flatMap((e) => e.state.responses),
        { errorSchema: 'ErrorData' },
      );
      expect(check.problems).toEqual([]);
      expect([...check.requests].sort()).toEqual([...expected.requests].sort());
      expect([...check.responses].sort()).toEqual([...expected.responses].sort());
    });
  });
}
