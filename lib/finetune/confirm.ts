/**
 * Asks a person to confirm something that costs money. Without a terminal to
 * ask on, the answer is no: a script must say --yes.
 */
import { createInterface } from 'node:readline/promises';
import type { CommandIO } from '../foundation/command-io.ts';
import { UserError } from '../foundation/errors.ts';

export async function confirm(
  question: string,
  options: { yes: boolean; refusal: string; io?: Pick<CommandIO, 'stdin' | 'stderr'> },
): Promise<void> {
  if (options.yes) return;
  const { stdin, stderr } = options.io ?? process;
  if (!stdin.isTTY) throw new UserError(`${options.refusal}: there is no terminal to ask on; pass --yes to confirm`);
  const rl = createInterface({ input: stdin, output: stderr });
  try {
    const answer = (await rl.question(`${question} [y/N] `)).trim().toLowerCase();
    if (answer !== 'y' && answer !== 'yes') throw new UserError(`${options.refusal}: not confirmed`);
  } finally {
    rl.close();
  }
}
