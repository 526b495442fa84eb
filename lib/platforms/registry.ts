/**
 * Platform plugins by name: the one place that knows which exist. A plugin
 * brings its SDK (openai, @google/genai with google-auth-library, together-ai), which
 * takes about a second to load, so plugins load only when their platform is
 * named (a flag, a provider's config) or found in the ledger:
 * `await loadPlatforms(ids)`, then `createPlatform(id)`. Each platform's
 * declaration of its own settings (`<id>-settings.ts`, no SDK) is here at
 * once: the command line, run names, labels and reports read them.
 */
import { BASE_URL_VARIABLES, checkBaseUrlEnv } from '../foundation/base-url-env.ts';
import { UserError } from '../foundation/errors.ts';
import { COMMON_HYPERPARAMETERS } from '../ledger/run-spec.ts';
import { ENDPOINT_SETTINGS } from './endpoint-settings.ts';
import { OPENAI_SETTINGS } from './openai-settings.ts';
import { checkRunOptions, settingLabelWord, type PlatformSettings, type RunSetting, type SettingValue } from './platform-settings.ts';
import type { FineTuningPlatform } from './platform.ts';
import { TOGETHER_SETTINGS } from './together-settings.ts';
import { VERTEX_SETTINGS } from './vertex-settings.ts';

export const PLATFORMS = ['openai', 'vertex', 'together', 'endpoint'] as const;
export type PlatformId = (typeof PLATFORMS)[number];

/** Each platform's own settings, as it declares them. */
export const PLATFORM_SETTINGS: Readonly<Record<PlatformId, PlatformSettings>> = {
  openai: OPENAI_SETTINGS,
  vertex: VERTEX_SETTINGS,
  together: TOGETHER_SETTINGS,
  endpoint: ENDPOINT_SETTINGS,
};

export interface PlatformOptions {
  /** Retries of a call that failed for a passing reason (rate limit, server error, lost connection). */
  retries?: number;
  /** The platform's connection settings (PlatformSettings.connection), e.g. Vertex AI's gcsUri; the plugin reads its own. */
  connection?: Readonly<Record<string, string>>;
  /** Told about each retry. */
  onRetry?: (message: string) => void;
}

type PlatformFactory = (env: NodeJS.ProcessEnv, options: PlatformOptions) => FineTuningPlatform;

const LOADERS: Record<PlatformId, () => Promise<PlatformFactory>> = {
  openai: async () => {
    const { OpenAIPlatform } = await import('./openai.ts');
    return (env, options) => new OpenAIPlatform(env, options);
  },
  vertex: async () => {
    const { VertexPlatform } = await import('./vertex.ts');
    return (env, options) => new VertexPlatform(env, options);
  },
  together: async () => {
    const { TogetherPlatform } = await import('./together.ts');
    return (env, options) => new TogetherPlatform(env, options);
  },
  endpoint: async () => {
    const { EndpointPlatform } = await import('./endpoint.ts');
    return () => new EndpointPlatform();
  },
};

const loaded = new Map<string, PlatformFactory>();

export function isPlatformId(id: string): id is PlatformId {
  return (PLATFORMS as readonly string[]).includes(id);
}

/** A platform's declared settings; undefined for a name no platform has (e.g. in a hand-written results file). */
export function platformSettings(id: string): PlatformSettings | undefined {
  return isPlatformId(id) ? PLATFORM_SETTINGS[id] : undefined;
}

/** Every declared run setting, with its platform: what the command line offers. */
export function declaredRunSettings(): { platform: PlatformSettings; key: string; setting: RunSetting }[] {
  return Object.values(PLATFORM_SETTINGS).flatMap((platform) => Object.entries(platform.run).map(([key, setting]) => ({ platform, key, setting })));
}

/** How a platform option is named in tables: its declared name, else its key (a setting no declaration knows, e.g. from an older results file). */
export function settingName(platform: string, key: string): string {
  return platformSettings(platform)?.run[key]?.name ?? key;
}

/** A platform option's words in a label or a curve's name ('' for a value the declaration leaves out, e.g. its default). */
export function settingLabel(platform: string, key: string, value: SettingValue | null): string {
  const setting = platformSettings(platform)?.run[key];
  return setting && value !== null ? settingLabelWord(setting, value) : `${key} ${value}`;
}

/** Option keys in the order the platforms declare them; keys no declaration knows after them, sorted. */
export function orderSettingKeys(keys: Iterable<string>): string[] {
  const given = new Set(keys);
  const declared = declaredRunSettings().map((d) => d.key);
  return [...declared.filter((k) => given.has(k)), ...[...given].filter((k) => !declared.includes(k)).sort()];
}

/** The value a platform gives a run that asks for none, when it declares one (Together AI's `lora`). */
export function settingDefault(platform: string, key: string): SettingValue | undefined {
  return platformSettings(platform)?.run[key]?.default;
}

/**
 * Names a platform setting may not take: the common hyperparameters (they
 * hash together in a run's key) and the other fields that define a run, by
 * which reports group and compare runs.
 */
const RESERVED_NAMES: readonly string[] = [...COMMON_HYPERPARAMETERS, 'seed', 'recipe', 'platform', 'domain', 'domainVersion', 'baseModel', 'augmentation', 'target', 'key', 'name'];

/**
 * Declarations that would make one flag or one key mean two things: a run
 * setting named like a common field of a run, a flag or key two platforms
 * declare. Checked when this module loads.
 */
export function settingClashes(platforms: readonly PlatformSettings[]): string[] {
  const clashes: string[] = [];
  const flags = new Map<string, string>();
  const keys = new Map<string, string>();
  for (const p of platforms) {
    const entries = [...Object.entries(p.run).map(([k, s]) => [k, s.flag] as const), ...Object.entries(p.connection).map(([k, s]) => [k, s.flag] as const)];
    for (const [key, flag] of entries) {
      if (RESERVED_NAMES.includes(key)) clashes.push(`${p.platform}: setting ${key} is named like a common field of a run`);
      for (const [seen, what] of [[flags, `--${flag}`], [keys, key]] as const) {
        const owner = seen.get(what);
        if (owner !== undefined && owner !== p.platform) clashes.push(`${what} is declared by ${owner} and ${p.platform}`);
        seen.set(what, p.platform);
      }
    }
  }
  return clashes;
}

const clashes = settingClashes(Object.values(PLATFORM_SETTINGS));
if (clashes.length) throw new Error(`platform settings clash: ${clashes.join('; ')}`);

/**
 * A run's platformOptions checked by its platform's declaration, defaults
 * filled in: a UserError, one line, naming the platform and the option for
 * another platform's setting (`--adapter-size is a Vertex AI setting, not an
 * OpenAI one …`) or a value the platform does not take.
 */
export function checkPlatformOptions(id: string, options: Readonly<Record<string, unknown>>): Record<string, SettingValue> {
  if (!isPlatformId(id)) throw unknownPlatform(id);
  const own = PLATFORM_SETTINGS[id];
  const ownFlags = Object.values(own.run).map((s) => `--${s.flag}`);
  const theirs = ownFlags.length ? `${own.title}'s own are ${ownFlags.join(', ')}` : `${own.title} has none of its own (every platform takes --epochs, --batch-size, --lr-multiplier, --seed, --recipe)`;
  return checkRunOptions(own, options, (key) => {
    const owner = declaredRunSettings().find((d) => d.key === key);
    if (!owner) return new UserError(`platform option ${JSON.stringify(key)} is not a setting of any platform; ${theirs}`);
    return new UserError(`--${owner.setting.flag} is a ${owner.platform.title} setting (--platform ${owner.platform.platform}); ${theirs}`);
  });
}

function unknownPlatform(id: string): UserError {
  return new UserError(`unknown platform ${JSON.stringify(id)}; known: ${PLATFORMS.join(', ')}`);
}

/** Loads the plugins (and SDKs) of these platforms, once each; a UserError for an unknown name. */
export async function loadPlatforms(ids: Iterable<string>): Promise<void> {
  await Promise.all(
    [...new Set(ids)].map(async (id) => {
      if (!isPlatformId(id)) throw unknownPlatform(id);
      if (!loaded.has(id)) loaded.set(id, await LOADERS[id]());
    }),
  );
}

/** A platform whose plugin loadPlatforms has loaded. */
export function createPlatform(id: string, env: NodeJS.ProcessEnv = process.env, options: PlatformOptions = {}): FineTuningPlatform {
  if (!isPlatformId(id)) throw unknownPlatform(id);
  checkBaseUrlEnv(env, BASE_URL_VARIABLES[id] ?? []); // before anything is planned, written or paid
  const factory = loaded.get(id);
  if (!factory) throw new Error(`platform ${id} is not loaded: await loadPlatforms([${JSON.stringify(id)}]) before createPlatform`);
  return factory(env, options);
}

/** loadPlatforms, then createPlatform. */
export async function loadPlatform(id: string, env: NodeJS.ProcessEnv = process.env, options: PlatformOptions = {}): Promise<FineTuningPlatform> {
  await loadPlatforms([id]);
  return createPlatform(id, env, options);
}
