import { UserError } from '../lib/foundation/errors.ts';

/** Runs node's parseArgs and turns its errors (unknown flag, missing value) into a usage message. */
export function parseCliArgs<T>(parse: () => T, usage: string): T {
  try {
    return parse();
  } catch (err) {
    throw new UserError(`${(err as Error).message}\n${usage}`);
  }
}
