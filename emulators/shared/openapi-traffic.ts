// Checks what an emulator said and was sent against the API's OpenAPI
// description, from its traffic log: every response with a declared schema,
// every error body against the API's error envelope, and every request the
// emulator accepted (a request the description refuses should have been
// refused). So the tests that already drive an emulator check its fidelity
// too, without traffic of their own.
import { parseMultipartForm } from './multipart.ts';
import type { OpenAPIValidator } from './openapi-validator.ts';
import type { ResponseRecord } from './traffic-log.ts';

export interface TrafficCheck {
  /** One line per problem: `METHOD path status (request|response): what is wrong`. */
  problems: string[];
  /** `METHOD template` of the operations whose requests were checked. */
  requests: Set<string>;
  /** `METHOD template` of the operations whose responses were checked. */
  responses: Set<string>;
  /** Error bodies checked against the error envelope. */
  errors: number;
}

/** A request body as the description's schemas see it: parsed JSON, or a form's fields (a file as its name). */
async function requestBody(record: ResponseRecord): Promise<{ body: unknown } | { problem: string } | null> {
  const request = record.request;
  if (!request || request.body.length === 0) return null;
  const type = (request.contentType ?? '').toLowerCase();
  if (type.startsWith('multipart/form-data')) {
    const form = await parseMultipartForm(request.body, request.contentType ?? undefined);
    if ('problem' in form) return form;
    const fields: Record<string, string> = {};
    for (const [key, value] of form.entries()) fields[key] = typeof value === 'string' ? value : value.name;
    return { body: fields };
  }
  try {
    return { body: JSON.parse(request.body.toString('utf8')) as unknown };
  } catch (error) {
    return { problem: `the body is not JSON (${(error as Error).message})` };
  }
}

export async function checkTraffic(validator: OpenAPIValidator, records: readonly ResponseRecord[], options: { errorSchema: string }): Promise<TrafficCheck> {
  const check: TrafficCheck = { problems: [], requests: new Set(), responses: new Set(), errors: 0 };
  for (const r of records) {
    const say = (part: string, problems: string[]): void => {
      for (const p of problems) check.problems.push(`${r.method} ${r.path} ${r.status} (${part}): ${p}`);
    };
    const template = r.route ? validator.matchPath(r.route) : undefined;
    const operation = `${r.method} ${template}`;
    if (template && r.status < 400 && validator.requestContentTypes(r.method, template).length > 0) {
      const parsed = await requestBody(r);
      if (parsed && 'problem' in parsed) say('request', [parsed.problem]);
      else if (parsed) {
        check.requests.add(operation);
        say('request', validator.validateRequest(r.method, template, r.request!.contentType ?? 'application/json', parsed.body));
      }
    }
    if (template && validator.hasResponseSchema(r.method, template, r.status)) {
      check.responses.add(operation);
      say('response', validator.validateResponse(r.method, template, r.status, r.body));
    } else if (r.status >= 400) {
      check.errors++;
      say(options.errorSchema, validator.validateComponent(options.errorSchema, r.body));
    }
  }
  return check;
}
