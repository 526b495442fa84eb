/**
 * What a Gemini provider queries: a base model by name (`gemini-2.5-flash`)
 * or a tuned model's Vertex AI endpoint (`projects/…/locations/…/endpoints/…`),
 * and the Google Cloud project and location the call goes to.
 *
 * A run name (`config.run`) is resolved by a function the caller passes in
 * (the fine-tuning ledger knows which endpoint a run produced); without one a
 * run name is an error that says so.
 */
import type { LedgerRunIdentity } from '../ledger/provider-identity.ts';
import { inferencePrice, type InferencePrice } from '../models/inference-price.ts';
import { findBaseModel } from '../models/prices.ts';
import type { TrainingCost } from '../models/training-cost.ts';

export type GeminiTarget = { kind: 'model'; model: string } | { kind: 'endpoint'; endpoint: string };

/**
 * What a named run produced (or one of its checkpoints), the system
 * instruction it was trained with, if any (a tuned model is asked as it was
 * trained), and what to say about the run in each answer's metadata.
 */
export type RunTarget = GeminiTarget & { systemInstruction?: string; run?: LedgerRunIdentity; trainingCost?: TrainingCost };

/** Finds the model or endpoint a named run (or one of its checkpoints) produced (e.g. from the ledger). */
export type ResolveRun = (run: string, checkpoint?: string) => RunTarget;

export interface GeminiTargetConfig {
  model?: string;
  endpoint?: string;
  run?: string;
  /** With `run`: one of its checkpoints instead of its tuned model. */
  checkpoint?: string;
  project?: string;
  location?: string;
}

export interface GeminiPlace {
  target: GeminiTarget;
  project: string;
  location: string;
  /** The system instruction a run (config.run) was trained with. */
  systemInstruction?: string;
  /** The run (and checkpoint) config.run names. */
  run?: LedgerRunIdentity;
  /** What that run's training cost (lib/models/training-cost.ts), when known. */
  trainingCost?: TrainingCost;
}

export const DEFAULT_LOCATION = 'us-central1';

const ENDPOINT_NAME = /^projects\/([^/]+)\/locations\/([^/]+)\/endpoints\/([^/]+)$/;

/** `model gemini-2.5-flash` or `endpoint projects/…/endpoints/…`, for messages. */
export function describeTarget(target: GeminiTarget): string {
  return target.kind === 'model' ? `model ${target.model}` : `endpoint ${target.endpoint}`;
}

/** The name @google/genai takes as `model`. */
export function targetModelName(target: GeminiTarget): string {
  return target.kind === 'model' ? target.model : target.endpoint;
}

/**
 * Resolves config (and GOOGLE_CLOUD_PROJECT / GOOGLE_CLOUD_LOCATION from `env`)
 * to the target and where it lives. A full endpoint name carries its own
 * project and location, which win: the call must go to the endpoint's region.
 * Throws an Error naming the field at fault.
 */
export function resolveGeminiPlace(config: GeminiTargetConfig, env: NodeJS.ProcessEnv = process.env, resolveRun?: ResolveRun): GeminiPlace {
  const given = (['model', 'endpoint', 'run'] as const).filter((k) => typeof config[k] === 'string' && config[k]!.trim() !== '');
  if (given.length !== 1) {
    throw new Error(
      given.length === 0
        ? 'config.model (a Gemini model such as gemini-2.5-flash) or config.endpoint (a tuned model\'s Vertex AI endpoint) is required'
        : `give only one of config.model, config.endpoint and config.run (got ${given.join(', ')})`,
    );
  }
  if (config.checkpoint !== undefined && given[0] !== 'run') throw new Error('config.checkpoint names a checkpoint of config.run; give the run too');
  let target: GeminiTarget;
  let trained: { systemInstruction?: string; run?: LedgerRunIdentity; trainingCost?: TrainingCost } = {};
  if (config.run !== undefined && given[0] === 'run') {
    if (!resolveRun) throw new Error(`config.run ${JSON.stringify(config.run)}: this provider cannot look runs up; give config.endpoint (the run's tuned endpoint) instead`);
    const { systemInstruction, run, trainingCost, ...resolved } = resolveRun(config.run.trim(), config.checkpoint?.trim());
    target = resolved as GeminiTarget;
    trained = { ...(systemInstruction && { systemInstruction }), ...(run && { run }), ...(trainingCost && { trainingCost }) };
  } else if (given[0] === 'endpoint') {
    target = { kind: 'endpoint', endpoint: config.endpoint!.trim() };
  } else {
    target = { kind: 'model', model: config.model!.trim() };
  }
  const project = config.project?.trim() || env.GOOGLE_CLOUD_PROJECT?.trim();
  const location = config.location?.trim() || env.GOOGLE_CLOUD_LOCATION?.trim() || DEFAULT_LOCATION;
  if (target.kind === 'endpoint') {
    const full = ENDPOINT_NAME.exec(target.endpoint);
    if (full) return { target, project: full[1]!, location: full[2]!, ...trained };
    if (!/^\d+$/.test(target.endpoint)) {
      throw new Error(`config.endpoint ${JSON.stringify(target.endpoint)} is neither projects/PROJECT/locations/LOCATION/endpoints/ID nor a numeric endpoint id`);
    }
    if (!project) throw new Error('a Google Cloud project is required for an endpoint id: set config.project or GOOGLE_CLOUD_PROJECT');
    return { target: { kind: 'endpoint', endpoint: `projects/${project}/locations/${location}/endpoints/${target.endpoint}` }, project, location, ...trained };
  }
  if (!project) throw new Error('a Google Cloud project is required: set config.project or GOOGLE_CLOUD_PROJECT (Gemini models are queried on Vertex AI)');
  return { target, project, location, ...trained };
}

/**
 * The dated price of what a place asks (lib/models/inference-price.ts): a
 * run's model at its base model's tuned price, a base model at its own; null
 * for an endpoint named without its run (which model answers there is not
 * known) or a model prices.json does not list.
 */
export function geminiPrice(place: GeminiPlace): InferencePrice | null {
  if (place.run) {
    const info = findBaseModel(place.run.run.platform, place.run.baseModel);
    return info ? inferencePrice(info, true) : null;
  }
  if (place.target.kind === 'model') {
    const info = findBaseModel('vertex', place.target.model);
    return info ? inferencePrice(info, false) : null;
  }
  return null;
}
