// Validates an emulator's requests and responses against the API's own
// published OpenAPI description (OpenAI's, Together AI's), so its fidelity is
// checked against the reference rather than against our memory of it. The
// description is read at run time from a path the caller gives (the tests
// take it from an environment variable) and is never copied into the project.
import { existsSync, readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import * as ajvFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface OpenAPIValidator {
  /** The description's title (`info.title`), for messages. */
  readonly title: string;
  /** The spec's path template matching `path` (a template or a concrete path, with or without /v1), if any. */
  matchPath(path: string): string | undefined;
  /** True when the spec declares an application/json schema for this method, path and status. */
  hasResponseSchema(method: string, path: string, status: number): boolean;
  /** Human-readable problems; empty when the body conforms. Undeclared responses are reported as a problem. */
  validateResponse(method: string, path: string, status: number, body: unknown): string[];
  /** The media types the spec declares for this operation's request body (empty: it declares none). */
  requestContentTypes(method: string, path: string): string[];
  /**
   * Problems with a request body (parsed JSON, or a multipart form as an object of its fields) sent as
   * `contentType`; empty when it conforms. A body of a media type the operation does not declare is a problem.
   */
  validateRequest(method: string, path: string, contentType: string, body: unknown): string[];
  /** Problems with `value` as an instance of `#/components/schemas/<name>` (e.g. `ErrorResponse`). */
  validateComponent(name: string, value: unknown): string[];
}

/**
 * A place where a published description contradicts itself (and the service), removed before
 * validating. Each says why; one that no longer applies (the description was fixed) is an error,
 * so it is dropped rather than kept by habit.
 */
export interface SpecCorrection {
  /** JSON pointer into the description, e.g. `/components/schemas/FinetuneResponse/properties/id`. */
  at: string;
  /** Keywords removed there. */
  remove: string[];
  why: string;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The documents are OpenAPI 3.1 (JSON Schema 2020-12) but still carry some 3.0
 * idioms that ajv would ignore or reject: `nullable: true`, and boolean
 * `exclusiveMinimum`/`exclusiveMaximum` paired with `minimum`/`maximum`.
 * Rewrite them in place into their 2020-12 meaning.
 */
function modernize(node: Json): void {
  if (Array.isArray(node)) {
    for (const item of node) modernize(item);
    return;
  }
  if (!isObject(node)) return;
  // `allOf: [{nullable: true}, {$ref: X}]` (Together's description): X, or null.
  const nullableMember = Array.isArray(node.allOf) ? node.allOf.findIndex((m) => isObject(m) && Object.keys(m).length === 1 && m.nullable === true) : -1;
  if (nullableMember !== -1 && !('anyOf' in node)) {
    const rest = (node.allOf as Json[]).filter((_, i) => i !== nullableMember);
    delete node.allOf;
    node.anyOf = [{ type: 'null' }, rest.length === 1 ? rest[0]! : { allOf: rest }];
  }
  const composed = ['$ref', 'allOf', 'anyOf', 'oneOf', 'not'].some((key) => key in node);
  if (node.nullable === true && typeof node.type === 'string' && !composed) {
    node.type = [node.type, 'null'];
    if (Array.isArray(node.enum) && !node.enum.includes(null)) node.enum.push(null);
  } else if (node.nullable === true) {
    // Beside a $ref, allOf, anyOf or oneOf (Together's description): the schema, or null.
    const inner: JsonObject = { ...node };
    delete inner.nullable;
    for (const key of Object.keys(node)) delete node[key];
    node.anyOf = [inner, { type: 'null' }];
  }
  if ('nullable' in node) delete node.nullable;
  for (const [exclusive, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    if (typeof node[exclusive] !== 'boolean') continue;
    if (node[exclusive] === true && typeof node[bound] === 'number') {
      node[exclusive] = node[bound];
      delete node[bound];
    } else {
      delete node[exclusive];
    }
  }
  for (const value of Object.values(node)) modernize(value);
}

/** JSON-pointer segment, also URI-escaped because ajv treats the ref as a URI fragment. */
function pointerSegment(segment: string): string {
  return encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1'));
}

function normalizePath(path: string): string {
  const withoutQuery = path.split('?')[0] ?? path;
  const stripped = withoutQuery.replace(/^\/v1(?=\/)/, '');
  // Accept express-style `:param` templates as well as OpenAPI `{param}` ones.
  return stripped.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
}

/** `multipart/form-data; boundary=…` → `multipart/form-data`. */
const mediaType = (contentType: string): string => contentType.split(';')[0]!.trim().toLowerCase();

let documents = 0;

function applyCorrection(doc: JsonObject, specPath: string, correction: SpecCorrection): void {
  let node: Json = doc;
  for (const segment of correction.at.split('/').slice(1)) {
    node = isObject(node) ? (node[segment.replace(/~1/g, '/').replace(/~0/g, '~')] ?? null) : null;
  }
  const missing = correction.remove.filter((key) => !isObject(node) || !(key in node));
  if (!isObject(node) || missing.length > 0) {
    throw new Error(`${specPath}: the correction at ${correction.at} (removing ${correction.remove.join(', ')}) no longer applies; if the description was fixed, drop it`);
  }
  for (const key of correction.remove) delete node[key];
}

/** Parsed descriptions by path: parsing Together's takes most of a CPU-second, OpenAI's several. */
const parsed = new Map<string, JsonObject>();

/** A fresh copy of the description at `specPath` (each validator rewrites its copy). */
function readDescription(specPath: string): JsonObject {
  if (!parsed.has(specPath)) {
    if (!existsSync(specPath)) throw new Error(`OpenAPI description not found at ${specPath}`);
    parsed.set(specPath, parseYaml(readFileSync(specPath, 'utf8')) as JsonObject);
  }
  return structuredClone(parsed.get(specPath)!);
}

export function createOpenAPIValidator(specPath: string, options: { corrections?: readonly SpecCorrection[] } = {}): OpenAPIValidator {
  const doc = readDescription(specPath);
  for (const correction of options.corrections ?? []) applyCorrection(doc, specPath, correction);
  const { paths: rawPaths, components, info } = doc;
  if (!isObject(rawPaths) || !isObject(components)) throw new Error(`${specPath} has no paths/components`);
  const paths: JsonObject = rawPaths;
  const schemas = components.schemas;
  if (!isObject(schemas)) throw new Error(`${specPath} has no components.schemas`);
  const title = isObject(info) && typeof info.title === 'string' ? info.title : specPath;
  modernize(components);
  modernize(paths);

  // Base URI under which the whole document is registered with ajv, so that every
  // `#/components/schemas/...` reference inside it resolves against the document.
  const specId = `https://openapi-${++documents}.local/openapi.json`;
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, logger: false });
  // ajv-formats is CommonJS; under NodeNext its callable is the namespace's default.
  const addFormats = (ajvFormats as unknown as { default: (a: Ajv2020) => Ajv2020 }).default;
  addFormats(ajv);
  // OpenAI's format for Unix timestamps in seconds.
  ajv.addFormat('unixtime', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= 0 });
  ajv.addSchema({ $id: specId, paths, components });

  const templates = Object.keys(paths);
  const compiled = new Map<string, ValidateFunction | null>();

  function matchPath(path: string): string | undefined {
    const wanted = normalizePath(path);
    if (templates.includes(wanted)) return wanted;
    const parts = wanted.split('/');
    let best: { template: string; literals: number } | undefined;
    for (const template of templates) {
      const tparts = template.split('/');
      if (tparts.length !== parts.length) continue;
      let literals = 0;
      const ok = tparts.every((t, i) => {
        if (/^\{[^}]+\}$/.test(t)) return (parts[i] ?? '') !== '';
        literals++;
        return t === parts[i];
      });
      if (ok && (!best || literals > best.literals)) best = { template, literals };
    }
    return best?.template;
  }

  function operationOf(method: string, path: string): { template: string; m: string; operation: JsonObject } | undefined {
    const template = matchPath(path);
    if (!template) return undefined;
    const m = method.toLowerCase();
    const pathItem = paths[template];
    const operation = isObject(pathItem) ? pathItem[m] : undefined;
    return isObject(operation) ? { template, m, operation } : undefined;
  }

  function compileAt(cacheKey: string, pointer: string[]): ValidateFunction {
    let validate = compiled.get(cacheKey);
    if (!validate) {
      validate = ajv.compile({ $ref: `${specId}#/${pointer.map(pointerSegment).join('/')}` });
      compiled.set(cacheKey, validate);
    }
    return validate;
  }

  function responseKey(operation: JsonObject, status: number): string | undefined {
    const responses = operation.responses;
    if (!isObject(responses)) return undefined;
    const candidates = [String(status), `${String(status)[0]}XX`, 'default'];
    return candidates.find((c) => isObject(responses[c]));
  }

  function responseValidator(method: string, path: string, status: number): ValidateFunction | null {
    const found = operationOf(method, path);
    if (!found) return null;
    const { template, m, operation } = found;
    const cacheKey = `response ${m} ${template} ${status}`;
    if (compiled.has(cacheKey)) return compiled.get(cacheKey)!;
    const key = responseKey(operation, status);
    const content = key ? ((operation.responses as JsonObject)[key] as JsonObject).content : undefined;
    if (!isObject(content) || !isObject(content['application/json']) || !isObject(content['application/json'].schema)) {
      compiled.set(cacheKey, null);
      return null;
    }
    return compileAt(cacheKey, ['paths', template, m, 'responses', key!, 'content', 'application/json', 'schema']);
  }

  function requestContent(method: string, path: string): { template: string; m: string; content: JsonObject } | undefined {
    const found = operationOf(method, path);
    const body = found?.operation.requestBody;
    return found && isObject(body) && isObject(body.content) ? { template: found.template, m: found.m, content: body.content } : undefined;
  }

  function describe(validate: ValidateFunction, value: unknown): string[] {
    if (validate(value)) return [];
    return (validate.errors ?? []).map(
      (e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''}`,
    );
  }

  return {
    title,
    matchPath,
    hasResponseSchema: (method, path, status) => responseValidator(method, path, status) !== null,
    validateResponse(method, path, status, body) {
      const validate = responseValidator(method, path, status);
      if (!validate) return [`no application/json response schema declared for ${method.toUpperCase()} ${path} ${status}`];
      return describe(validate, body);
    },
    requestContentTypes: (method, path) => Object.keys(requestContent(method, path)?.content ?? {}),
    validateRequest(method, path, contentType, body) {
      const found = requestContent(method, path);
      if (!found) return [`no request body declared for ${method.toUpperCase()} ${path}`];
      const type = mediaType(contentType);
      const media = found.content[type];
      if (!isObject(media)) return [`${type} is not a request body ${method.toUpperCase()} ${path} takes (it takes ${Object.keys(found.content).join(', ')})`];
      if (!isObject(media.schema)) return [];
      const validate = compileAt(`request ${found.m} ${found.template} ${type}`, ['paths', found.template, found.m, 'requestBody', 'content', type, 'schema']);
      return describe(validate, body);
    },
    validateComponent(name, value) {
      if (!isObject(schemas[name])) return [`no component schema named ${name}`];
      return describe(compileAt(`component ${name}`, ['components', 'schemas', name]), value);
    },
  };
}
