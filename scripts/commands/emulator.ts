/**
 * `npm run emulator -- <name> [options]`: starts a loopback emulator of a
 * remote API (declared below). Each emulator's cli.ts declares its own
 * options; only the named one is loaded.
 */
import { defineCommand } from '../../lib/cli/command-spec.ts';
import type { CommandMain } from '../../lib/foundation/command-io.ts';
import { declaredCommand } from '../run-command.ts';

const EMULATORS: Record<string, { description: string; load: () => Promise<{ main: CommandMain }> }> = {
  openai: { description: 'OpenAI: files, fine-tuning jobs, chat completions', load: () => import('../../emulators/openai/cli.ts') },
  vertex: { description: 'Vertex AI + Cloud Storage: tuning jobs, tuned endpoints, uploads', load: () => import('../../emulators/vertex/cli.ts') },
  together: { description: 'Together AI: files, fine-tunes, chat completions', load: () => import('../../emulators/together/cli.ts') },
  judge: { description: 'an OpenAI-compatible judge following a fixed rule, for tests', load: () => import('../../emulators/judge/cli.ts') },
};

export const spec = defineCommand({
  script: 'emulator',
  summary:
    'Starts a loopback emulator of a remote API and prints, before anything else, the export NAME=value lines that point the project at it (nothing else goes to stdout, so it can be sourced); logs requests to stderr and runs until Ctrl-C. `--help` after the name lists its options.',
  commands: Object.entries(EMULATORS).map(([name, e]) => ({ name, description: e.description })),
  commandWord: 'emulator',
  passThrough: true,
  options: {},
});

export const main = declaredCommand(spec, async ({ command, positionals }, io) => (await EMULATORS[command!]!.load()).main(positionals, io));
