// The knobs every fine-tuning emulator (OpenAI, Vertex AI, Together AI) has,
// their checks and their defaults. Each emulator's options extend these.
import type { FaultOptions } from './faults.ts';
import { bundledKnowledge, type BaseModelKnowledge } from './base-model.ts';
import type { ResponseRecord } from './traffic-log.ts';

export interface CommonEmulatorOptions {
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Pace of the job lifecycle: each state change and each training step takes this long. Default 200 ms. */
  stepMs?: number;
  /** Force the total number of training steps per job (default: from the examples, the batch size and the epochs). */
  trainingSteps?: number;
  /** What the untuned models know (default: the bundled domains, see shared/base-model.ts). */
  knowledge?: BaseModelKnowledge;
  /** Random 429 / 500 / dropped-connection injection (seeded, deterministic). */
  faults?: FaultOptions;
  /** Every request is answered this many ms late (default 0): a model's response time, for benchmarks. */
  latencyMs?: number;
  /**
   * Folder where the emulator keeps its files, jobs, tuned models and checkpoints, so
   * that a restart with the same folder remembers them (state-folder.ts). Default: none, it forgets on exit.
   */
  state?: string;
  /** Clock in milliseconds (default Date.now); lets tests drive the lifecycle without waiting. */
  now?: () => number;
  /** One line per request (method, path, status, duration); the CLI sends these to stderr. */
  log?: (line: string) => void;
  /** Called with every response the emulator sends (also kept in state.responses). */
  onResponse?: (record: ResponseRecord) => void;
}

export interface ResolvedCommonOptions {
  port: number;
  latencyMs: number;
  stepMs: number;
  knowledge: BaseModelKnowledge;
  now: () => number;
}

/** The common options' defaults; throws RangeError on values no emulator could use. */
export function resolveCommonOptions(options: CommonEmulatorOptions): ResolvedCommonOptions {
  const port = options.port ?? 0;
  const stepMs = options.stepMs ?? 200;
  const latencyMs = options.latencyMs ?? 0;
  if (!(latencyMs >= 0)) throw new RangeError(`latencyMs must be 0 or more, got ${latencyMs}`);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`port must be an integer 0..65535, got ${port}`);
  if (!(stepMs > 0)) throw new RangeError(`stepMs must be positive, got ${stepMs}`);
  if (options.trainingSteps !== undefined && !(Number.isInteger(options.trainingSteps) && options.trainingSteps >= 1)) {
    throw new RangeError(`trainingSteps must be a positive integer, got ${options.trainingSteps}`);
  }
  return { port, stepMs, latencyMs, knowledge: options.knowledge ?? bundledKnowledge(), now: options.now ?? Date.now };
}
