/**
 * `npm run emulator -- <name> [options]`: starts a loopback emulator of a
 * remote API and prints, before anything else, the `export NAME=value` lines
 * that point the project at it. Each emulator's own cli.ts has its options.
 */
import { runCli } from './run-cli.ts';
import { UserError } from '../lib/errors.ts';

/** Emulator name → its command-line module (which exports `main(argv): Promise<number>`). */
const EMULATORS: Record<string, string> = {
  openai: '../emulators/openai/cli.ts',
  vertex: '../emulators/vertex/cli.ts',
  together: '../emulators/together/cli.ts',
  judge: '../emulators/judge/cli.ts',
};

const USAGE = `usage: npm run emulator -- <${Object.keys(EMULATORS).join('|')}> [--port N] [options]  (--help after the name lists its options)`;

runCli(async () => {
  const [name, ...rest] = process.argv.slice(2);
  if (!name || name === '--help' || name === '-h') return console.log(USAGE);
  const module = EMULATORS[name];
  if (!module) throw new UserError(`unknown emulator ${JSON.stringify(name)}\n${USAGE}`);
  const { main } = (await import(module)) as { main: (argv: string[]) => Promise<number> };
  process.exitCode = await main(rest);
});
