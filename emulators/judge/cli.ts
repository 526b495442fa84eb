// `npm run emulator -- judge [--port N] …`: start the judge emulator and
// print, before anything else, the environment that points the project at
// it (OPENAI_BASE_URL, OPENAI_API_KEY, FTBENCH_JUDGE); request logs go to
// stderr. It keeps running, so read those lines from a file:
//
//   npm run -s emulator -- judge > /tmp/judge.env &
//   source /tmp/judge.env      # or paste the three export lines
import type { CommandIO } from '../../lib/foundation/command-io.ts';
import { parseEmulatorCli, runEmulatorCli, runIfMain, type EmulatorCli } from '../shared/cli-runner.ts';
import { DEFAULT_JUDGE_MODEL, startJudgeEmulator, type JudgeEmulatorOptions } from './server.ts';

export const EMULATOR_API_KEY = 'emulator-key';

export type JudgeCliOptions = JudgeEmulatorOptions & { model: string };

/** A count of requests, or `always`. */
const countOrAlways = (text: string) => (text === 'always' ? Infinity : /^\d+$/.test(text) ? Number(text) : undefined);

export const judgeCli: EmulatorCli<JudgeCliOptions> = {
  name: 'judge',
  summary:
    'A loopback OpenAI-compatible chat server whose models are judges following a fixed rule (emulators/judge/rule.ts): an answer is correct when it contains a reference answer (case and spacing folded), a decline is correct where one is expected. Prints OPENAI_BASE_URL, OPENAI_API_KEY and FTBENCH_JUDGE first.',
  options: {
    model: {
      type: 'custom',
      value: 'NAME',
      parse: (text: string) => (/^[\w.:-]+$/.test(text) ? text : undefined),
      accepts: "letters, digits, '.', ':', '_' and '-'",
      default: DEFAULT_JUDGE_MODEL,
      description: 'the model named in FTBENCH_JUDGE (any name is served)',
    },
    'fail-500': { type: 'integer', value: 'N', min: 0, max: 1_000_000, description: 'answer the first N chat requests with HTTP 500' },
    malformed: { type: 'custom', value: 'N', parse: countOrAlways, accepts: 'a whole number or "always"', description: 'then answer N requests with a malformed reply ("always": every one)' },
    'malformed-reply': { type: 'text', value: 'TEXT', empty: true, description: 'the malformed reply' },
  },
  // A judge runs no jobs, knows no domains and injects its own faults.
  common: [],
  toOptions(common, values) {
    const model = values.model as string;
    return {
      port: common.port,
      latencyMs: common.latencyMs,
      model,
      fail500: values['fail-500'] as number | undefined,
      malformed: values.malformed as number | undefined,
      malformedReply: values['malformed-reply'] as string | undefined,
    };
  },
  async start(options, log) {
    const emulator = await startJudgeEmulator({ ...options, log });
    return {
      exports: [
        ['OPENAI_BASE_URL', emulator.url],
        ['OPENAI_API_KEY', EMULATOR_API_KEY],
        ['FTBENCH_JUDGE', `openai:chat:${options.model}`],
      ],
      banner: `judge emulator listening on ${emulator.url}; request counts at ${emulator.url.replace(/\/v1$/, '')}/stats`,
      close: () => emulator.close(),
    };
  },
};

/** The judge's options from a command line, or 'help'; throws a UserError on a bad one. */
export function parseJudgeCliOptions(argv: string[]): JudgeCliOptions | 'help' {
  return parseEmulatorCli(judgeCli, argv);
}

/** `npm run emulator -- judge …` (see lib/foundation/command-io.ts): serves until io's interrupt (Ctrl-C, or a test's abort). */
export function main(argv: string[], io: CommandIO): Promise<number> {
  return runEmulatorCli(judgeCli, argv, io);
}

runIfMain(import.meta.url, 'judge', main);
