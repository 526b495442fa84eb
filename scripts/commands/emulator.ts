/**
 * `npm run emulator -- <name> [options]`: starts a loopback emulator of a
 * remote API and prints, before anything else, the `export NAME=value` lines
 * that point the project at it. Each emulator's own cli.ts has its options;
 * only the named one is loaded.
 */
import type { CommandMain } from '../../lib/foundation/command-io.ts';
import { UserError } from '../../lib/foundation/errors.ts';
import { command, writer } from '../run-command.ts';

const EMULATORS: Record<string, () => Promise<{ main: CommandMain }>> = {
  openai: () => import('../../emulators/openai/cli.ts'),
  vertex: () => import('../../emulators/vertex/cli.ts'),
  together: () => import('../../emulators/together/cli.ts'),
  judge: () => import('../../emulators/judge/cli.ts'),
};

const USAGE = `usage: npm run emulator -- <${Object.keys(EMULATORS).join('|')}> [--port N] [--latency-ms N] [options]  (--help after the name lists its options)`;

export const main = command(async (argv, io) => {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') return writer(io.stdout)(USAGE);
  const load = Object.hasOwn(EMULATORS, name) ? EMULATORS[name] : undefined;
  if (!load) throw new UserError(`unknown emulator ${JSON.stringify(name)}\n${USAGE}`);
  return (await load()).main(rest, io);
});
