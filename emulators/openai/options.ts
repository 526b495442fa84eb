// The emulator's knobs and their defaults, in one place (the ones every
// emulator has are in shared/emulator-options.ts).
import { resolveCommonOptions, type CommonEmulatorOptions } from '../shared/emulator-options.ts';

export interface OpenAIEmulatorOptions extends CommonEmulatorOptions {
  /** Time a fine-tune upload stays `uploaded` before becoming `processed`. Default: stepMs. */
  fileProcessingMs?: number;
  /** Minimum examples in a training file, as the real validator enforces. Default 10. */
  minExamples?: number;
  /** Jobs end `failed` mid-training: all of them (true) or those whose suffix matches. */
  failJobs?: boolean | RegExp;
  /** Job creation answers 403 `training_not_available`, as for organizations cut off from fine-tuning. */
  trainingNotAvailable?: boolean;
  /** Base models accepted for fine-tuning and chat (dated snapshots; `gpt-4o-mini` resolves to its snapshot). */
  knownModels?: string[];
  /** Models that existed once: chat and fine-tuning on them answer 404 model_not_found, "retired". */
  retiredModels?: string[];
  /** This API key is refused with 401 invalid_api_key (any other non-empty key is accepted). */
  rejectKey?: string;
}

export const DEFAULT_KNOWN_MODELS: readonly string[] = [
  'gpt-4o-mini-2024-07-18',
  'gpt-4o-2024-08-06',
  'gpt-4.1-2025-04-14',
  'gpt-4.1-mini-2025-04-14',
  'gpt-4.1-nano-2025-04-14',
  'gpt-3.5-turbo-0125',
];

export const DEFAULT_RETIRED_MODELS: readonly string[] = ['gpt-3.5-turbo-0613', 'text-davinci-003', 'curie'];

export type ResolvedOptions = Required<Omit<OpenAIEmulatorOptions, 'faults' | 'rejectKey' | 'log' | 'onResponse' | 'trainingSteps' | 'state'>> &
  Pick<OpenAIEmulatorOptions, 'faults' | 'rejectKey' | 'log' | 'onResponse' | 'trainingSteps' | 'state'>;

export function resolveOptions(options: OpenAIEmulatorOptions = {}): ResolvedOptions {
  const common = resolveCommonOptions(options);
  return {
    ...options,
    ...common,
    fileProcessingMs: options.fileProcessingMs ?? common.stepMs,
    minExamples: options.minExamples ?? 10,
    failJobs: options.failJobs ?? false,
    trainingNotAvailable: options.trainingNotAvailable ?? false,
    knownModels: options.knownModels ?? [...DEFAULT_KNOWN_MODELS],
    retiredModels: options.retiredModels ?? [...DEFAULT_RETIRED_MODELS],
  };
}
