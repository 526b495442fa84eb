/**
 * The two halves of a command (see lib/foundation/command-io.ts): `command(body)` makes
 * a `main(argv, io)` whose user errors are messages, and `runBin(main)` is
 * the whole of a bin file `scripts/<name>.ts`. `declaredCommand(spec, body)`
 * is `command` for a command declared once (lib/cli/command-spec.ts): it
 * parses and checks the command line by the declaration, prints the usage
 * for --help, and hands the body the values.
 */
import type { CommandSpec, OptionSpecs } from '../lib/cli/command-spec.ts';
import { parseCommandLine, type ParsedCommandLine } from '../lib/cli/parse-command-line.ts';
import { usageText } from '../lib/cli/usage-text.ts';
import { processIO, type CommandIO, type CommandMain } from '../lib/foundation/command-io.ts';
import { UserError } from '../lib/foundation/errors.ts';
import { refuseKeysInArgs } from '../lib/foundation/secret-shape.ts';

export type { CommandIO, CommandMain } from '../lib/foundation/command-io.ts';

/**
 * A command from its body. A UserError (a bad flag, file or API answer) prints
 * `error: <message>` on io.stderr and returns 1, without a stack trace; any
 * other error is a bug and propagates (the bin prints its stack). A body that
 * returns nothing exits 0. A command line holding anything shaped like a key
 * is refused before the body runs (lib/secret-shape.ts).
 */
export function command(body: (argv: string[], io: CommandIO) => Promise<number | void> | number | void): CommandMain {
  return async (argv, io) => {
    try {
      refuseKeysInArgs(argv);
      return (await body(argv, io)) ?? 0;
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      io.stderr.write(`error: ${err.message}\n`);
      return 1;
    }
  };
}

/** A declared command's main; its declaration rides along for the command reference (scripts/commands/all-commands.ts). */
export type DeclaredMain = CommandMain & { spec: CommandSpec };

export function declaredCommand<const O extends OptionSpecs>(
  spec: CommandSpec<O>,
  body: (args: ParsedCommandLine<O>, io: CommandIO) => Promise<number | void> | number | void,
): DeclaredMain {
  const main = command((argv, io) => {
    const args = parseCommandLine(spec, argv, io);
    if (args.help) return void io.stdout.write(`${usageText(spec)}\n`);
    return body(args, io);
  });
  return Object.assign(main, { spec });
}

/** Runs `main` with the real process's io and argv, and exits with its code (a bug: its stack, and 1). */
export function runBin(main: CommandMain): void {
  main(process.argv.slice(2), processIO()).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}

/** Writes lines to a stream (each ends with a newline). */
export function writer(stream: CommandIO['stdout']): (line?: string) => void {
  return (line = '') => void stream.write(`${line}\n`);
}
