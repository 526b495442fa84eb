// The Together AI emulator's knobs and their defaults, in one place (the
// ones every emulator has are in shared/emulator-options.ts).
import { resolveCommonOptions, type CommonEmulatorOptions } from '../shared/emulator-options.ts';

export interface TogetherEmulatorOptions extends CommonEmulatorOptions {
  /** Minimum examples in a training file. Default 1. */
  minExamples?: number;
  /** Jobs end `error` mid-training: all of them (true) or those whose suffix matches. */
  failJobs?: boolean | RegExp;
  /** Models that can be fine-tuned (and chatted with). */
  tunableModels?: string[];
  /** Serverless models that can only be chatted with. */
  chatModels?: string[];
  /** Namespace of fine-tuned output names (`{namespace}/{model}-{suffix}-{hash}`). */
  namespace?: string;
  /** This API key is refused with 401 invalid_api_key (any other non-empty key is accepted). */
  rejectKey?: string;
  /** Requests whose `METHOD /v1/path` matches are refused with 403 (e.g. /^POST \/v1\/fine-tunes$/). */
  forbidden?: RegExp;
}

export const DEFAULT_TUNABLE_MODELS: readonly string[] = [
  'meta-llama/Meta-Llama-3.1-8B-Instruct-Reference',
  'meta-llama/Meta-Llama-3.1-70B-Instruct-Reference',
  'meta-llama/Llama-3.2-3B-Instruct',
  'Qwen/Qwen2.5-7B-Instruct',
  'mistralai/Mistral-7B-Instruct-v0.2',
];

export const DEFAULT_CHAT_MODELS: readonly string[] = ['meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo', 'meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo'];

export type ResolvedTogetherOptions = Required<Omit<TogetherEmulatorOptions, 'faults' | 'rejectKey' | 'forbidden' | 'log' | 'onResponse' | 'trainingSteps' | 'state'>> &
  Pick<TogetherEmulatorOptions, 'faults' | 'rejectKey' | 'forbidden' | 'log' | 'onResponse' | 'trainingSteps' | 'state'>;

export function resolveTogetherOptions(options: TogetherEmulatorOptions): ResolvedTogetherOptions {
  return {
    ...options,
    ...resolveCommonOptions(options),
    minExamples: options.minExamples ?? 1,
    failJobs: options.failJobs ?? false,
    tunableModels: options.tunableModels ?? [...DEFAULT_TUNABLE_MODELS],
    chatModels: options.chatModels ?? [...DEFAULT_CHAT_MODELS],
    namespace: options.namespace ?? 'emulator-user',
  };
}
