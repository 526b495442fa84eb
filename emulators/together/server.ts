// A loopback emulator of the Together AI routes a fine-tuning plugin uses:
// files (upload, list, retrieve, content, delete), fine-tunes (create, list,
// retrieve, cancel, events, checkpoints), models and the OpenAI-compatible
// chat completions. Point any client at `url` (TOGETHER_BASE_URL): fetch, or
// the `openai` SDK with `baseURL` for chat.
import type { FaultOptions } from '../shared/faults.ts';
import { startLoopbackServer } from '../shared/loopback-server.ts';
import { chatRoutes } from './chat.ts';
import type { TogetherContext } from './context.ts';
import { togetherDialect } from './errors.ts';
import { fileRoutes } from './files.ts';
import { fineTuneRoutes } from './fine-tunes.ts';
import { modelRoutes } from './models.ts';
import { resolveTogetherOptions, type TogetherEmulatorOptions } from './options.ts';
import { TOGETHER_STATE } from './saved-state.ts';
import { TogetherEmulatorState } from './state.ts';
import { openStateFolder } from '../shared/state-folder.ts';

export type { TogetherEmulatorOptions } from './options.ts';
export type { TogetherEmulatorState, FileRecord, FineTuneRecord } from './state.ts';
export { UNKNOWN_ANSWER } from '../shared/base-model.ts';

export interface TogetherEmulator {
  /** Base URL for clients, e.g. http://127.0.0.1:41234/v1 */
  url: string;
  port: number;
  state: TogetherEmulatorState;
  setFaults(faults: FaultOptions | undefined): void;
  close(): Promise<void>;
}

export async function startTogetherEmulator(options: TogetherEmulatorOptions = {}): Promise<TogetherEmulator> {
  const opts = resolveTogetherOptions(options);
  const state = new TogetherEmulatorState();
  // Filled from the state folder, if one is given; a corrupt or foreign state file stops the start here.
  const memory = opts.state === undefined ? undefined : openStateFolder(opts.state, TOGETHER_STATE, state, opts.log);
  const dialect = togetherDialect(opts);
  const ctx: TogetherContext = { state, options: opts, dialect, now: opts.now };
  const server = await startLoopbackServer({
    beforeAnswer: memory?.saveIfChanged,
    port: opts.port,
    routes: [...fileRoutes(ctx), ...fineTuneRoutes(ctx), ...modelRoutes(ctx), ...chatRoutes(ctx)],
    fallbackDialect: () => dialect,
    traffic: state,
    faults: opts.faults,
    latencyMs: opts.latencyMs,
    headers: () => ({ 'x-request-id': Math.random().toString(16).slice(2) }),
    log: opts.log,
    onResponse: opts.onResponse,
  }).catch((error: unknown) => {
    memory?.close();
    throw error;
  });
  return {
    url: `${server.origin}/v1`,
    port: server.port,
    state,
    setFaults: server.setFaults,
    async close() {
      await server.close();
      memory?.close();
    },
  };
}
