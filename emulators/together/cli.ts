// `npm run emulator -- together [--port N] …`: start the Together AI emulator
// and print, before anything else, the environment that points a client at it:
//
//   TOGETHER_BASE_URL   base URL of the API, …/v1 (in place of https://api.together.xyz/v1)
//   TOGETHER_API_KEY    a key the emulator accepts
import type { CommandIO } from '../../lib/foundation/command-io.ts';
import { runEmulatorCli, runIfMain, stateNote, type EmulatorCli } from '../shared/cli-runner.ts';
import { startTogetherEmulator, type TogetherEmulatorOptions } from './server.ts';

export const EMULATOR_API_KEY = 'emulator-key';

export const togetherCli: EmulatorCli<TogetherEmulatorOptions> = {
  name: 'together',
  summary: 'A loopback Together AI API (files, fine-tunes with events and checkpoints, OpenAI-style chat completions). Prints TOGETHER_BASE_URL and TOGETHER_API_KEY first.',
  options: {},
  toOptions: (common) => common,
  async start(options, log) {
    const emulator = await startTogetherEmulator({ ...options, log });
    return {
      exports: [
        ['TOGETHER_BASE_URL', emulator.url],
        ['TOGETHER_API_KEY', EMULATOR_API_KEY],
      ],
      banner: `Together AI emulator listening on ${emulator.url}${stateNote(options.state, { files: emulator.state.files.size, jobs: emulator.state.jobs.size })}`,
      close: () => emulator.close(),
    };
  },
};

/** `npm run emulator -- together …` (see lib/foundation/command-io.ts): serves until io's interrupt (Ctrl-C, or a test's abort). */
export function main(argv: string[], io: CommandIO): Promise<number> {
  return runEmulatorCli(togetherCli, argv, io);
}

runIfMain(import.meta.url, 'together', main);
