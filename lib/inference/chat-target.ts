/**
 * Which model a provider asks, and how: a run from the ledger (its tuned
 * model, where its platform serves it, and the system message its recipe
 * trained with) or any model id, on OpenAI or on another platform's
 * OpenAI-compatible API (`platform: together`), or at a base URL you give.
 * Only names of environment variables are kept here, never their values.
 */
import { UserError } from '../foundation/errors.ts';
import { findCheckpoint } from '../ledger/checkpoints.ts';
import { runIdentity, type LedgerRunIdentity } from '../ledger/provider-identity.ts';
import { succeededRun } from '../ledger/succeeded-run.ts';
import { endpointBaseUrl } from '../platforms/endpoint-url.ts';
import type { ModelEndpoint } from '../platforms/platform.ts';
import { findBaseModel, type BaseModelInfo } from '../models/prices.ts';
import { trainingCostOf, type TrainingCost } from '../models/training-cost.ts';
import { loadPlatform } from '../platforms/registry.ts';

export interface ChatTargetConfig {
  /** A run's name or key in the ledger. */
  run?: string;
  /** With `run`: one of its checkpoints (an id from the ledger, or the model it answers at) instead of its tuned model. */
  checkpoint?: string;
  /** Any model id (a base model, a fine-tuned `ft:…` id, a model on an OpenAI-compatible server). */
  model?: string;
  /** The platform whose OpenAI-compatible API serves `model` (default openai; e.g. together: TOGETHER_BASE_URL, TOGETHER_API_KEY). */
  platform?: string;
  /** Base URL of an OpenAI-compatible API; default the platform's ($OPENAI_BASE_URL, else OpenAI's). */
  baseURL?: string;
  /** Name of the variable holding the key (default the platform's, OPENAI_API_KEY); null: the server takes none. */
  apiKeyEnv?: string | null;
  system?: string;
  runsDir?: string;
}

export interface ChatTarget {
  model: string;
  /** A system message sent first (the run's recipe's, or config.system). */
  system: string | null;
  baseURL: string | undefined;
  /** The variable the base URL came from, if one did (for messages). */
  baseUrlEnv?: string;
  /** Null for a server that takes no key. */
  apiKeyEnv: string | null;
  /** Prices of the model's base, when known: a fine-tuned model is billed at the tuned price. */
  prices: { info: BaseModelInfo; tuned: boolean } | null;
  /** What the target is, for messages: `run x (ft:…)` or `model y`. */
  describe: string;
  /** The run (and checkpoint) asked, as its identity (lib/ledger/provider-identity.ts); absent for a plain model. */
  run?: LedgerRunIdentity;
  /** What that run's training cost (lib/models/training-cost.ts), when known. */
  trainingCost?: TrainingCost;
}

const NAME = 'providers/openai.ts';

function chatEndpoint(endpoint: ModelEndpoint, what: string): Extract<ModelEndpoint, { api: 'openai-chat' }> {
  if (endpoint.api !== 'openai-chat') throw new UserError(`${NAME}: ${what} is served by Vertex AI, not an OpenAI-style API: ask it with providers/gemini.ts`);
  return endpoint;
}

/** Async: the platform's plugin is loaded here, when a run or config names it. */
export async function resolveChatTarget(config: ChatTargetConfig, env: NodeJS.ProcessEnv = process.env): Promise<ChatTarget> {
  if ('apiKey' in config)
    throw new UserError(`${NAME}: do not put an API key in a suite; set it in the environment (config.apiKeyEnv names the variable, default OPENAI_API_KEY)`);
  if (!config.run === !config.model) throw new UserError(`${NAME}: config needs exactly one of \`run\` (a run in the ledger) or \`model\` (a model id)`);
  if (config.run && config.platform) throw new UserError(`${NAME}: config.platform goes with config.model; a run knows its platform`);
  if (config.checkpoint !== undefined && !config.run) throw new UserError(`${NAME}: config.checkpoint names a checkpoint of config.run; give the run too`);
  let endpoint: Extract<ModelEndpoint, { api: 'openai-chat' }>;
  let system = config.system ?? null;
  let prices: ChatTarget['prices'] = null;
  let describe: string;
  let run: LedgerRunIdentity | undefined;
  let trainingCost: TrainingCost | null = null;
  if (config.run) {
    const record = succeededRun(config.run, config.runsDir, env);
    const platform = await loadPlatform(record.spec.platform, env);
    if (config.checkpoint !== undefined) {
      const checkpoint = findCheckpoint(record, config.checkpoint);
      if (!checkpoint)
        throw new UserError(`${NAME}: run ${record.name} has no checkpoint ${JSON.stringify(config.checkpoint)} in the ledger; it has ${record.checkpoints.map((c) => c.id).join(', ') || 'none'}`);
      const served = platform.checkpointEndpoint(record, checkpoint);
      if (!served) throw new UserError(`${NAME}: ${record.spec.platform} does not serve checkpoint ${checkpoint.id} of run ${record.name}`);
      endpoint = chatEndpoint(served, `checkpoint ${checkpoint.id} of run ${record.name}`);
      run = runIdentity(record, checkpoint);
      describe = `checkpoint ${checkpoint.id} of run ${record.name} (${endpoint.model})`;
    } else {
      endpoint = chatEndpoint(platform.tunedEndpoint(record), `run ${record.name}`);
      run = runIdentity(record);
      describe = `run ${record.name} (${endpoint.model})`;
    }
    system = config.system ?? record.spec.recipe.system;
    trainingCost = trainingCostOf(record);
    const info = findBaseModel(record.spec.platform, record.spec.baseModel);
    prices = info ? { info, tuned: true } : null;
  } else {
    const platform = config.platform ?? 'openai';
    endpoint = chatEndpoint((await loadPlatform(platform, env)).endpoint(config.model!), `model ${config.model}`);
    const info = findBaseModel(platform, config.model!);
    prices = info ? { info, tuned: config.model!.startsWith('ft:') } : null;
    describe = `model ${config.model}${platform === 'openai' ? '' : ` on ${platform}`}`;
  }
  return {
    model: endpoint.model,
    system,
    baseURL: config.baseURL ?? endpointBaseUrl(endpoint, env),
    ...(config.baseURL === undefined && endpoint.baseUrl === undefined && endpoint.baseUrlEnv && { baseUrlEnv: endpoint.baseUrlEnv }),
    apiKeyEnv: config.apiKeyEnv !== undefined ? config.apiKeyEnv : endpoint.apiKeyEnv,
    prices,
    describe,
    ...(run && { run }),
    ...(trainingCost && { trainingCost }),
  };
}
