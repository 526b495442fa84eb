/**
 * The settings a platform owns, as it declares them in `<id>-settings.ts`
 * (Vertex AI's adapter size, Together AI's training type, …). Everything
 * else reads them through this shape and never by name: the command line
 * (flags, usage text, docs/commands.md), the check of a run's options, run
 * names, suite labels, learning curves and recipe comparisons. The core
 * knows the common hyperparameters (epochs, batch size, learning-rate
 * multiplier, seed, recipe) and carries a platform's own settings as one
 * opaque record, `platformOptions`, checked by the platform's schema.
 *
 * A declaration holds no SDK, so it loads with the command line; the plugin
 * and its SDK load only when the platform is used (registry.ts).
 */
import { z } from 'zod';
import { UserError } from '../foundation/errors.ts';

/** What a platform option holds in a run's spec (JSON, in its key). */
export type SettingValue = string | number | boolean;

/** One setting of a run, in its key: a different value is a different run. */
export interface RunSetting<T extends SettingValue = SettingValue> {
  /** A value the platform takes (its API's own checks, e.g. the choices or the range). */
  schema: z.ZodType<T>;
  /** How tables, labels and curves name it: `adapter size`. */
  name: string;
  /** Its command-line flag, without dashes; like the common hyperparameters it takes a comma list. */
  flag: string;
  /** The value's name in the usage: N, TYPE, X. */
  value: string;
  /** What it is, one line (the usage text and docs/commands.md). */
  description: string;
  /**
   * The value a run gets when none is given, written into its spec and so
   * into its key. Never give one to a setting that has none (a new setting
   * included): every run started before would get a new key, and `start`
   * would pay for it again. Say the platform's own default in `defaultText`.
   */
  default?: T;
  /** The default as said to a person when none is filled in: `Vertex AI's`. */
  defaultText?: string;
  /** The run name's part for a value (`a4`); '' leaves it out. Default: the key and the value (`warmupRatio0.1`). */
  nameWord?: (value: T) => string;
  /** A suite label's and a curve's words for a value (`adapter 4`); '' leaves it out. Default: the name and the value. */
  labelWord?: (value: T) => string;
}

/** A setting of how the platform is reached, not of the run (not in its key): where Vertex AI's training files go. */
export interface ConnectionSetting {
  schema: z.ZodType<string>;
  flag: string;
  value: string;
  description: string;
  /** What it takes, said to a person (the schema of a text cannot say it): `gs://BUCKET or gs://BUCKET/FOLDER`. */
  accepts: string;
  defaultText?: string;
}

// `any`: a record of settings of different value types; each keeps its own type where it is declared.
export type RunSettings = Readonly<Record<string, RunSetting<any>>>;
export type ConnectionSettings = Readonly<Record<string, ConnectionSetting>>;

export interface PlatformSettings<R extends RunSettings = RunSettings, C extends ConnectionSettings = ConnectionSettings> {
  /** The platform's id (`vertex`), as --platform names it. */
  platform: string;
  /** Its name for people: `Vertex AI`. */
  title: string;
  /** Settings of a run (its platformOptions). */
  run: R;
  /** Settings of how it is reached (not part of a run). */
  connection: C;
}

/** A platform's options as its plugin reads them: each declared setting, typed, absent when not given. */
export type RunOptionsOf<S extends PlatformSettings> = { [K in keyof S['run']]?: S['run'][K] extends RunSetting<infer T> ? T : never };
export type ConnectionOf<S extends PlatformSettings> = { [K in keyof S['connection']]?: string };

/** Declares a platform's settings, keeping their literal types for RunOptionsOf. */
export function declareSettings<const R extends RunSettings, const C extends ConnectionSettings = Record<never, ConnectionSetting>>(
  settings: { platform: string; title: string; run: R; connection?: C },
): PlatformSettings<R, C> {
  return { ...settings, connection: settings.connection ?? ({} as C) };
}

/** What a schema takes, as a person reads it: `one of 1, 2, 4`, `a number from 0 to 1`. */
export function describeValues(schema: z.ZodType): string {
  let json: Record<string, unknown>;
  try {
    json = z.toJSONSchema(schema) as Record<string, unknown>;
  } catch {
    return 'a value';
  }
  if (Array.isArray(json.enum)) return `one of ${json.enum.join(', ')}`;
  if (json.const !== undefined) return `only ${String(json.const)}`;
  const noun = json.type === 'integer' ? 'an integer' : json.type === 'number' ? 'a number' : json.type === 'boolean' ? 'true or false' : 'a text';
  if (json.type !== 'integer' && json.type !== 'number') return noun;
  // z.int() bounds itself to the safe integers: no bound a person set.
  const set = (n: unknown) => (typeof n === 'number' && Math.abs(n) < Number.MAX_SAFE_INTEGER ? n : undefined);
  const low = set(json.minimum ?? json.exclusiveMinimum);
  const high = set(json.maximum ?? json.exclusiveMaximum);
  const bound = (side: 'low' | 'high') =>
    side === 'low' ? (json.exclusiveMinimum !== undefined ? `above ${low}` : `from ${low}`) : json.exclusiveMaximum !== undefined ? `below ${high}` : `to ${high}`;
  if (low !== undefined && high !== undefined) return `${noun} ${bound('low')} ${bound('high')}`;
  if (low !== undefined) return json.exclusiveMinimum !== undefined ? `${noun} above ${low}` : `${noun} of at least ${low}`;
  if (high !== undefined) return json.exclusiveMaximum !== undefined ? `${noun} below ${high}` : `${noun} of at most ${high}`;
  return noun;
}

const NUMBER_TEXT = /^\s*-?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?\s*$/i;

/** A value typed on the command line, read as the schema takes it (the text, a number, true or false); undefined when it takes none of them. */
export function valueFromText<T>(schema: z.ZodType<T>, text: string): T | undefined {
  const candidates: unknown[] = [text];
  if (NUMBER_TEXT.test(text)) candidates.push(Number(text));
  if (text === 'true' || text === 'false') candidates.push(text === 'true');
  for (const c of candidates) {
    const parsed = schema.safeParse(c);
    if (parsed.success) return parsed.data;
  }
  return undefined;
}

/** The run name's part for a setting's value ('' leaves it out). */
export function settingNameWord(key: string, setting: RunSetting, value: SettingValue): string {
  return setting.nameWord ? setting.nameWord(value) : `${key}${value}`;
}

/** A label's words for a setting's value ('' leaves it out). */
export function settingLabelWord(setting: RunSetting, value: SettingValue): string {
  return setting.labelWord ? setting.labelWord(value) : `${setting.name} ${value}`;
}

/**
 * A run's platformOptions checked by the platform's own declaration: every
 * key a declared setting, every value one it takes, declared defaults filled
 * in. `unknown` words the error for a key the platform does not declare
 * (the registry knows which other platform owns it); a value outside the
 * schema names the flag and what it takes.
 */
export function checkRunOptions(
  settings: PlatformSettings,
  options: Readonly<Record<string, unknown>>,
  unknown: (key: string) => UserError,
): Record<string, SettingValue> {
  const out: Record<string, SettingValue> = {};
  for (const [key, value] of Object.entries(options)) {
    const setting = settings.run[key];
    if (!setting) throw unknown(key);
    if (value === undefined) continue;
    const parsed = setting.schema.safeParse(value);
    if (!parsed.success) throw new UserError(`--${setting.flag} ${JSON.stringify(value)}: ${settings.title} takes ${describeValues(setting.schema)}`);
    out[key] = parsed.data as SettingValue;
  }
  for (const [key, setting] of Object.entries(settings.run)) if (out[key] === undefined && setting.default !== undefined) out[key] = setting.default;
  return out;
}

/**
 * A platform's options as its plugin reads them, from a run spec (written by
 * checkRunOptions, or by hand in a ledger file): typed, or one UserError
 * naming the platform and the option.
 */
export function readRunOptions<S extends PlatformSettings>(settings: S, options: Readonly<Record<string, unknown>> | undefined, run: string): RunOptionsOf<S> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options ?? {})) {
    const setting = settings.run[key];
    if (!setting) throw new UserError(`run ${run}: platformOptions.${key} is not a ${settings.title} setting (it takes ${Object.keys(settings.run).join(', ') || 'none'})`);
    const parsed = setting.schema.safeParse(value);
    if (!parsed.success) throw new UserError(`run ${run}: platformOptions.${key} ${JSON.stringify(value)}: ${settings.title} takes ${describeValues(setting.schema)}`);
    out[key] = parsed.data;
  }
  return out as RunOptionsOf<S>;
}
