// Validates response bodies against OpenAI's own OpenAPI description, so the
// emulator's fidelity is checked against the reference rather than against our
// memory of it. The spec is read at run time from ../shared (beside the repo)
// and is never copied into the project.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import * as ajvFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';

/** This file lives in <repo>/emulators/openai/, so the repo root is two levels up. */
const REPO_ROOT = new URL('../../', import.meta.url);

/** `<repo>/../shared/openai-openapi/openapi.yml`, overridable with OPENAI_OPENAPI_SPEC. */
export function defaultSpecPath(): string {
  return process.env.OPENAI_OPENAPI_SPEC ?? fileURLToPath(new URL('../shared/openai-openapi/openapi.yml', REPO_ROOT));
}

// Base URI under which the whole document is registered with ajv, so that every
// `#/components/schemas/...` reference inside it resolves against the document.
const SPEC_ID = 'https://openai-openapi.local/openapi.json';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface OpenAPIValidator {
  /** The spec's path template matching `path` (a template or a concrete path, with or without /v1), if any. */
  matchPath(path: string): string | undefined;
  /** True when the spec declares an application/json schema for this method, path and status. */
  hasResponseSchema(method: string, path: string, status: number): boolean;
  /** Human-readable problems; empty when the body conforms. Undeclared responses are reported as a problem. */
  validateResponse(method: string, path: string, status: number, body: unknown): string[];
  /** Problems with `value` as an instance of `#/components/schemas/<name>` (e.g. `ErrorResponse`). */
  validateComponent(name: string, value: unknown): string[];
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The document is OpenAPI 3.1 (JSON Schema 2020-12) but still carries some 3.0
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
  if (node.nullable === true && typeof node.type === 'string') {
    node.type = [node.type, 'null'];
    if (Array.isArray(node.enum) && !node.enum.includes(null)) node.enum.push(null);
  }
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

export function createOpenAPIValidator(specPath: string = defaultSpecPath()): OpenAPIValidator {
  if (!existsSync(specPath)) {
    throw new Error(`OpenAPI description not found at ${specPath} (expected ../shared/openai-openapi/openapi.yml beside the repo)`);
  }
  const doc = parseYaml(readFileSync(specPath, 'utf8')) as JsonObject;
  const { paths: rawPaths, components } = doc;
  if (!isObject(rawPaths) || !isObject(components)) throw new Error(`${specPath} has no paths/components`);
  const paths: JsonObject = rawPaths;
  const schemas = components.schemas;
  if (!isObject(schemas)) throw new Error(`${specPath} has no components.schemas`);
  modernize(components);
  modernize(paths);

  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, logger: false });
  // ajv-formats is CommonJS; under NodeNext its callable is the namespace's default.
  const addFormats = (ajvFormats as unknown as { default: (a: Ajv2020) => Ajv2020 }).default;
  addFormats(ajv);
  // OpenAI-specific format: Unix timestamps in seconds.
  ajv.addFormat('unixtime', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= 0 });
  ajv.addSchema({ $id: SPEC_ID, paths, components });

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

  function responseKey(operation: JsonObject, status: number): string | undefined {
    const responses = operation.responses;
    if (!isObject(responses)) return undefined;
    const candidates = [String(status), `${String(status)[0]}XX`, 'default'];
    return candidates.find((c) => isObject(responses[c]));
  }

  function validatorFor(method: string, path: string, status: number): ValidateFunction | null {
    const template = matchPath(path);
    if (!template) return null;
    const m = method.toLowerCase();
    const cacheKey = `${m} ${template} ${status}`;
    const cached = compiled.get(cacheKey);
    if (cached !== undefined) return cached;
    let result: ValidateFunction | null = null;
    const pathItem = paths[template];
    const operation = isObject(pathItem) ? pathItem[m] : undefined;
    const key = isObject(operation) ? responseKey(operation, status) : undefined;
    if (isObject(operation) && key) {
      const response = (operation.responses as JsonObject)[key] as JsonObject;
      const content = response.content;
      if (isObject(content) && isObject(content['application/json']) && isObject(content['application/json'].schema)) {
        const pointer = ['paths', template, m, 'responses', key, 'content', 'application/json', 'schema']
          .map(pointerSegment)
          .join('/');
        result = ajv.compile({ $ref: `${SPEC_ID}#/${pointer}` });
      }
    }
    compiled.set(cacheKey, result);
    return result;
  }

  function describe(validate: ValidateFunction, value: unknown): string[] {
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${
      e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''
    }`);
  }

  return {
    matchPath,
    hasResponseSchema: (method, path, status) => validatorFor(method, path, status) !== null,
    validateResponse(method, path, status, body) {
      const validate = validatorFor(method, path, status);
      if (!validate) return [`no application/json response schema declared for ${method.toUpperCase()} ${path} ${status}`];
      return describe(validate, body);
    },
    validateComponent(name, value) {
      if (!isObject(schemas[name])) return [`no component schema named ${name}`];
      const key = `component ${name}`;
      let validate = compiled.get(key);
      if (!validate) {
        validate = ajv.compile({ $ref: `${SPEC_ID}#/components/schemas/${pointerSegment(name)}` });
        compiled.set(key, validate);
      }
      return describe(validate, value);
    },
  };
}

let shared: OpenAPIValidator | undefined;

/** Validator over the default spec, loaded (about a second) on first use. */
export function getOpenAPIValidator(): OpenAPIValidator {
  shared ??= createOpenAPIValidator();
  return shared;
}

/** Problems with `body` as the response to `method path` with `status`; empty when it conforms. */
export function validateResponse(method: string, path: string, status: number, body: unknown): string[] {
  return getOpenAPIValidator().validateResponse(method, path, status, body);
}
