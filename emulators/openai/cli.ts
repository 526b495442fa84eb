// `npm run emulator -- openai [--port N] …`: start the OpenAI emulator and
// print, before anything else, the environment that points the `openai` SDK
// (and the project) at it:
//
//   OPENAI_BASE_URL   base URL of the API, …/v1
//   OPENAI_API_KEY    a key the emulator accepts
//
// It keeps running, so read those lines from a file rather than waiting for
// the command to finish:
//
//   npm run -s emulator -- openai > /tmp/emu.env &
//   source /tmp/emu.env        # or paste the two export lines
import type { CommandIO } from '../../lib/foundation/command-io.ts';
import { runEmulatorCli, parseEmulatorCli, runIfMain, stateNote, type EmulatorCli } from '../shared/cli-runner.ts';
import { startOpenAIEmulator, type OpenAIEmulatorOptions } from './server.ts';

export const EMULATOR_API_KEY = 'emulator-key';

export const openaiCli: EmulatorCli<OpenAIEmulatorOptions> = {
  name: 'openai',
  summary:
    'A loopback OpenAI API (files, fine-tuning jobs with events and checkpoints, chat completions; tuned models answer from their training file). Prints OPENAI_BASE_URL and OPENAI_API_KEY first.',
  options: { 'training-not-available': { type: 'flag', description: 'job creation answers 403 training_not_available' } },
  toOptions: (common, values) => ({ ...common, trainingNotAvailable: values['training-not-available'] as boolean | undefined }),
  async start(options, log) {
    const emulator = await startOpenAIEmulator({ ...options, log });
    return {
      exports: [
        ['OPENAI_BASE_URL', emulator.url],
        ['OPENAI_API_KEY', EMULATOR_API_KEY],
      ],
      banner: `OpenAI emulator listening on ${emulator.url}${stateNote(options.state, { files: emulator.state.files.size, jobs: emulator.state.jobs.size })}`,
      close: () => emulator.close(),
    };
  },
};

/** The emulator's options from a command line, or 'help'; throws a UserError on a bad one. */
export function parseCliOptions(argv: string[]): OpenAIEmulatorOptions | 'help' {
  return parseEmulatorCli(openaiCli, argv);
}

/** `npm run emulator -- openai …` (see lib/foundation/command-io.ts): serves until io's interrupt (Ctrl-C, or a test's abort). */
export function main(argv: string[], io: CommandIO): Promise<number> {
  return runEmulatorCli(openaiCli, argv, io);
}

runIfMain(import.meta.url, 'openai', main);
