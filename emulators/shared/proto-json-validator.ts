// Validates JSON against a protobuf message as Google's REST APIs write it
// (the proto3 JSON mapping: lowerCamelCase names, 64-bit integers and enums
// as strings, Timestamp as RFC 3339, Duration as "1.5s"), or as they read it
// (a request: 64-bit integers and enums may also be numbers), the message taken
// from a protobufjs JSON descriptor (`protos.json`, as Google's Node client
// libraries publish them, read at run time). A field the message does not
// have is a problem, unless the caller names it as one the REST API has
// beyond the published protos.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import * as ajvFormats from 'ajv-formats';

interface FieldDescriptor {
  type: string;
  rule?: 'repeated' | 'optional' | 'required';
  keyType?: string;
}
interface TypeDescriptor {
  fields?: Record<string, FieldDescriptor>;
  oneofs?: Record<string, { oneof: string[] }>;
  values?: Record<string, number>;
  nested?: Record<string, TypeDescriptor>;
}
export type Schema = Record<string, unknown>;

/** `written`: what the API sends (responses); `read`: what it accepts (requests). */
export type ProtoJsonMode = 'written' | 'read';

export interface ProtoJsonValidator {
  /** Problems with `value` as the JSON of message `fullName` (e.g. `google.cloud.aiplatform.v1.TuningJob`); empty when it conforms. */
  validate(fullName: string, value: unknown, mode?: ProtoJsonMode): string[];
  /** True when the descriptor has a message of that name. */
  has(fullName: string): boolean;
}

export interface ProtoJsonOptions {
  /** Per message full name, fields the REST API sends beyond the descriptor's, each with its JSON Schema. */
  additionalFields?: Record<string, Record<string, Schema>>;
}

const INTEGER_32 = ['int32', 'uint32', 'sint32', 'fixed32', 'sfixed32'];
const INTEGER_64 = ['int64', 'uint64', 'sint64', 'fixed64', 'sfixed64'];

/** Scalars, as the JSON mapping writes them. */
function scalarSchema(type: string): Schema | undefined {
  if (type === 'string') return { type: 'string' };
  if (type === 'bool') return { type: 'boolean' };
  if (type === 'bytes') return { type: 'string', pattern: '^[A-Za-z0-9+/_-]*={0,2}$' };
  if (type === 'double' || type === 'float') return { anyOf: [{ type: 'number' }, { enum: ['NaN', 'Infinity', '-Infinity'] }] };
  if (INTEGER_32.includes(type)) return { type: 'integer' };
  if (INTEGER_64.includes(type)) return { type: 'string', pattern: '^-?[0-9]+$' };
  return undefined;
}

const WELL_KNOWN: Record<string, Schema> = {
  'google.protobuf.Timestamp': { type: 'string', format: 'date-time' },
  'google.protobuf.Duration': { type: 'string', pattern: '^-?[0-9]+(\\.[0-9]{1,9})?s$' },
  'google.protobuf.Struct': { type: 'object' },
  'google.protobuf.Value': {},
  'google.protobuf.ListValue': { type: 'array' },
  'google.protobuf.NullValue': { type: 'null' },
  'google.protobuf.Any': { type: 'object', required: ['@type'], properties: { '@type': { type: 'string' } } },
  'google.protobuf.Empty': { type: 'object', additionalProperties: false },
  'google.protobuf.FieldMask': { type: 'string' },
  'google.protobuf.DoubleValue': scalarSchema('double')!,
  'google.protobuf.FloatValue': scalarSchema('float')!,
  'google.protobuf.Int64Value': scalarSchema('int64')!,
  'google.protobuf.UInt64Value': scalarSchema('uint64')!,
  'google.protobuf.Int32Value': scalarSchema('int32')!,
  'google.protobuf.UInt32Value': scalarSchema('uint32')!,
  'google.protobuf.BoolValue': scalarSchema('bool')!,
  'google.protobuf.StringValue': scalarSchema('string')!,
  'google.protobuf.BytesValue': scalarSchema('bytes')!,
};

export function createProtoJsonValidator(descriptorPath: string, options: ProtoJsonOptions = {}): ProtoJsonValidator {
  const root = JSON.parse(readFileSync(descriptorPath, 'utf8')) as TypeDescriptor;

  function lookup(fullName: string): TypeDescriptor | undefined {
    let node: TypeDescriptor | undefined = root;
    for (const part of fullName.split('.')) node = node?.nested?.[part];
    return node;
  }

  /** protobufjs resolution: the innermost enclosing scope that has the name wins. */
  function resolve(type: string, scope: string): string {
    if (type.startsWith('.')) return type.slice(1);
    const parts = scope.split('.');
    for (let i = parts.length; i >= 0; i--) {
      const candidate = [...parts.slice(0, i), type].join('.');
      if (WELL_KNOWN[candidate] || lookup(candidate)) return candidate;
    }
    throw new Error(`${descriptorPath}: type ${type} (used in ${scope}) is not in the descriptor`);
  }

  let mode: ProtoJsonMode = 'written';
  const defsByMode: Record<ProtoJsonMode, Record<string, Schema>> = { written: {}, read: {} };

  /** A scalar in the current mode: read, a 64-bit integer may also be a JSON number. */
  function scalar(type: string): Schema | undefined {
    const written = scalarSchema(type);
    return mode === 'read' && INTEGER_64.includes(type) ? { anyOf: [written!, { type: 'integer' }] } : written;
  }

  function define(fullName: string): void {
    const defs = defsByMode[mode];
    if (fullName in defs) return;
    if (WELL_KNOWN[fullName]) {
      defs[fullName] = /Int64Value$/.test(fullName) ? scalar(fullName.endsWith('UInt64Value') ? 'uint64' : 'int64')! : WELL_KNOWN[fullName];
      return;
    }
    const type = lookup(fullName);
    if (!type) throw new Error(`${descriptorPath}: no type ${fullName}`);
    if (type.values) {
      const names = { type: 'string', enum: Object.keys(type.values) };
      defs[fullName] = mode === 'read' ? { anyOf: [names, { type: 'integer', enum: Object.values(type.values) }] } : names;
      return;
    }
    const schema: Schema = { type: 'object', additionalProperties: false };
    defs[fullName] = schema; // before the fields, so recursive messages end
    const properties: Record<string, Schema> = {};
    for (const [name, field] of Object.entries(type.fields ?? {})) {
      const value = scalar(field.type) ?? refTo(resolve(field.type, fullName));
      properties[name] = field.keyType ? { type: 'object', additionalProperties: value } : field.rule === 'repeated' ? { type: 'array', items: value } : value;
    }
    for (const [extra, extraSchema] of Object.entries(options.additionalFields?.[fullName] ?? {})) {
      if (extra in properties) throw new Error(`${descriptorPath}: ${fullName} has ${extra} now; drop it from the fields added beyond the descriptor`);
      properties[extra] = extraSchema;
    }
    schema.properties = properties;
    // A oneof: at most one of its fields is set.
    const pairs = Object.values(type.oneofs ?? {}).flatMap(({ oneof }) => oneof.flatMap((a, i) => oneof.slice(i + 1).map((b) => ({ required: [a, b] }))));
    if (pairs.length) schema.not = { anyOf: pairs };
  }

  function refTo(fullName: string): Schema {
    define(fullName);
    return { $ref: `#/$defs/${fullName}` };
  }

  const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false });
  (ajvFormats as unknown as { default: (a: Ajv2020) => Ajv2020 }).default(ajv);
  const compiled = new Map<string, ValidateFunction>();

  return {
    has: (fullName) => lookup(fullName)?.fields !== undefined || WELL_KNOWN[fullName] !== undefined,
    validate(fullName, value, as = 'written') {
      const key = `${as} ${fullName}`;
      let validate = compiled.get(key);
      if (!validate) {
        mode = as;
        const ref = refTo(fullName);
        validate = ajv.compile({ ...ref, $defs: { ...defsByMode[as] } });
        compiled.set(key, validate);
      }
      if (validate(value)) return [];
      return (validate.errors ?? []).map(
        (e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''}`,
      );
    },
  };
}
