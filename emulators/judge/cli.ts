// `npm run emulator -- judge [--port N] …`: start the judge emulator and
// print, before anything else, the environment that points the project at
// it (OPENAI_BASE_URL, OPENAI_API_KEY, FTBENCH_JUDGE); request logs go to
// stderr. It keeps running, so read those lines from a file:
//
//   npm run -s emulator -- judge > /tmp/judge.env &
//   source /tmp/judge.env      # or paste the three export lines
import type { CommandIO } from '../../lib/foundation/command-io.ts';
import { parseEmulatorCli, runEmulatorCli, runIfMain, UsageError, type EmulatorCli } from '../shared/cli-runner.ts';
import { DEFAULT_JUDGE_MODEL, startJudgeEmulator, type JudgeEmulatorOptions } from './server.ts';

export const EMULATOR_API_KEY = 'emulator-key';

export type JudgeCliOptions = JudgeEmulatorOptions & { model: string };

const USAGE = `Usage: emulator judge [options]

A loopback OpenAI-compatible chat server whose models are judges following a
fixed rule (emulators/judge/rule.ts): an answer is correct when it
contains a reference answer (case and spacing folded), a decline is correct
where one is expected.

  --model NAME              the model named in FTBENCH_JUDGE (default ${DEFAULT_JUDGE_MODEL}; any name is served)
  --fail-500 N              answer the first N chat requests with HTTP 500
  --malformed N             then answer N requests with a malformed reply ("always" for every one)
  --malformed-reply TEXT    the malformed reply`;

function count(name: string, raw: string | boolean | undefined, allowAlways = false): number | undefined {
  if (raw === undefined) return undefined;
  if (allowAlways && raw === 'always') return Infinity;
  if (!/^\d+$/.test(String(raw))) throw new UsageError(`invalid --${name} ${JSON.stringify(raw)}: expected a whole number${allowAlways ? ' or "always"' : ''}`);
  return Number(raw);
}

export const judgeCli: EmulatorCli<JudgeCliOptions> = {
  name: 'judge',
  usage: USAGE,
  options: {
    model: { type: 'string' },
    'fail-500': { type: 'string' },
    malformed: { type: 'string' },
    'malformed-reply': { type: 'string' },
  },
  // A judge runs no jobs, knows no domains and injects its own faults.
  common: [],
  toOptions(common, values) {
    const model = (values.model as string | undefined) ?? DEFAULT_JUDGE_MODEL;
    if (!/^[\w.:-]+$/.test(model)) throw new UsageError(`invalid --model ${JSON.stringify(model)}: letters, digits, '.', ':', '_' and '-' only`);
    return {
      port: common.port,
      latencyMs: common.latencyMs,
      model,
      fail500: count('fail-500', values['fail-500']),
      malformed: count('malformed', values.malformed, true),
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

/** The judge's options from a command line, or 'help'; throws UsageError on a bad one. */
export function parseJudgeCliOptions(argv: string[]): JudgeCliOptions | 'help' {
  return parseEmulatorCli(judgeCli, argv);
}

/** `npm run emulator -- judge …` (see lib/foundation/command-io.ts): serves until io's interrupt (Ctrl-C, or a test's abort). */
export function main(argv: string[], io: CommandIO): Promise<number> {
  return runEmulatorCli(judgeCli, argv, io);
}

runIfMain(import.meta.url, 'judge', main);
