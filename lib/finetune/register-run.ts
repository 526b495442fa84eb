/**
 * Registers a model tuned elsewhere (platform `endpoint`) as a succeeded run:
 * its name, the OpenAI-compatible base URL it answers at, its model id there,
 * the domain and recipe it was trained on, optionally its base model (asked
 * at the same server) and epochs. No secret is stored: only the NAME of the
 * variable that holds the key. The same registration twice is one run (the
 * key is a hash of all of it); a name already taken by another run is refused.
 */
import { readSidecar } from '../training/sidecar.ts';
import { writeFileAtomic } from '../foundation/atomic-write.ts';
import { sha256 } from '../foundation/content-hash.ts';
import { displayPath } from '../foundation/display-path.ts';
import type { LoadedDomain } from '../domain/load.ts';
import { UserError } from '../foundation/errors.ts';
import { checkKeyEnvName, keyShapeIn } from '../foundation/secret-shape.ts';
import type { Ledger } from '../ledger/ledger.ts';
import { withRunLock } from '../ledger/run-lock.ts';
import type { RunRecord } from '../ledger/run-record.ts';
import { DEFAULT_SEED, runKey, type RunSpec } from '../ledger/run-spec.ts';
import { projectRelative } from '../foundation/project-root.ts';
import type { Recipe } from '../training/recipe.ts';
import { buildTrainingFile, trainingJsonl } from '../training/training-file.ts';
import { refuseKeyShapedMessages } from '../training/validate-training-file.ts';

export interface RegisterRequest {
  name: string;
  domain: LoadedDomain;
  baseUrl: string;
  model: string;
  /** Name of the variable holding the key; null when the server takes none. */
  apiKeyEnv: string | null;
  /** The untuned model at the same server, if it serves one. */
  baseModel?: string;
  epochs: number | null;
  recipe: Recipe;
}

export interface RegisterResult {
  record: RunRecord;
  /** registered: a new run; existing: the same registration was in the ledger already. */
  outcome: 'registered' | 'existing';
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._:@/+-]{0,199}$/;
const NO_SECRET = 'the ledger never holds a secret; put the key in a variable and name it with --api-key-env';

/** Checks the user's values; a UserError names the flag. */
export function checkRegistration(r: Omit<RegisterRequest, 'domain' | 'recipe'>): void {
  // Key-shaped text anywhere (name, URL path, query, fragment, model ids): refused without repeating it.
  for (const [flag, value] of [['--name', r.name], ['--base-url', r.baseUrl], ['--model', r.model], ['--base-model', r.baseModel]] as const) {
    const why = value === undefined ? null : keyShapeIn(value);
    if (why) throw new UserError(`${flag} holds ${why}: ${NO_SECRET}`);
  }
  if (r.apiKeyEnv !== null) checkKeyEnvName(r.apiKeyEnv);
  if (!NAME.test(r.name)) throw new UserError(`--name ${JSON.stringify(r.name)}: letters, digits and . _ : @ / + - only, starting with a letter or digit (at most 200)`);
  if (/^[0-9a-f]{16}$/.test(r.name)) throw new UserError(`--name ${r.name}: a run name must not look like a run key (16 hex digits)`);
  let url: URL;
  try {
    url = new URL(r.baseUrl);
  } catch {
    throw new UserError(`--base-url ${JSON.stringify(r.baseUrl)} is not a URL; e.g. http://localhost:8000/v1`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UserError(`--base-url ${r.baseUrl}: expected an http:// or https:// URL`);
  if (url.hash) throw new UserError(`--base-url carries a #fragment: a base URL has none, and ${NO_SECRET}`);
  for (const [flag, value] of [['--model', r.model], ['--base-model', r.baseModel]] as const)
    if (value !== undefined && (value.trim() === '' || /\s/.test(value))) throw new UserError(`${flag} ${JSON.stringify(value)}: a model id without spaces`);
}

export function registrationSpec(r: RegisterRequest): RunSpec {
  const { domain, file, text } = r.domain;
  const sidecar = r.recipe.variants || r.recipe.statements ? readSidecar(r.domain) : null;
  return {
    ...(sidecar && { augmentation: { file: projectRelative(sidecar.file), sha256: sidecar.sha256 } }),
    platform: 'endpoint',
    domain: { id: domain.id, file: projectRelative(file), sha256: sha256(text) },
    baseModel: r.baseModel ?? r.model,
    hyperparameters: { epochs: r.epochs, batchSize: 'auto', learningRateMultiplier: 'auto' },
    seed: DEFAULT_SEED,
    recipe: r.recipe,
    target: { baseUrl: r.baseUrl, model: r.model, apiKeyEnv: r.apiKeyEnv },
  };
}

export async function registerRun(r: RegisterRequest, ledger: Ledger): Promise<RegisterResult> {
  checkRegistration(r);
  // What the recipe trains: recorded so the run says what it was taught (a control domain is refused here).
  const sidecar = r.recipe.variants || r.recipe.statements ? readSidecar(r.domain) : null;
  const trainingFile = buildTrainingFile(r.domain.domain, r.recipe, sidecar?.sidecar);
  refuseKeyShapedMessages(trainingFile, displayPath(r.domain.file)); // it is written beside the record
  const content = trainingJsonl(trainingFile);
  const spec = registrationSpec(r);
  const key = runKey(spec);
  return withRunLock(ledger.dir, key, 'registered', async () => {
    const existing = ledger.read(key);
    if (existing) return { record: existing, outcome: 'existing' };
    const taken = ledger.list().find((x) => x.name === r.name);
    if (taken) throw new UserError(`--name ${r.name} is taken by run ${taken.key} (${taken.spec.platform}, ${taken.state}); choose another name`);
    writeFileAtomic(ledger.trainingFileOf(key), content);
    const at = new Date().toISOString();
    const record: RunRecord = {
      version: 1,
      key,
      name: r.name,
      spec,
      estimate: null,
      trainingFile: { sha256: sha256(content), bytes: Buffer.byteLength(content), examples: content.trimEnd().split('\n').length },
      state: 'succeeded',
      attempt: 1,
      upload: null,
      job: {
        id: `registered:${key}`,
        state: 'succeeded',
        rawStatus: 'registered',
        tunedModel: r.model,
        trainedTokens: null,
        createdAt: at,
        finishedAt: at,
        estimatedFinish: null,
        error: null,
      },
      previousJobs: [],
      statusHistory: [{ state: 'succeeded', rawStatus: 'registered', at }],
      // There is no job to poll: an empty progress marks it as read.
      progress: { step: null, totalSteps: null, trainLoss: null, at },
      checkpoints: [],
      errors: [],
      createdAt: at,
      updatedAt: at,
    };
    return { record: ledger.write(record), outcome: 'registered' };
  });
}
