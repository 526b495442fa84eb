/**
 * Finds the upstream FineTuneBench checkout (a clone of
 * github.com/kevinwu23/StanfordFineTuneBench) to read: `--from DIR` first,
 * then the FINETUNEBENCH_DIR environment variable, then `data/finetunebench`
 * under the project root. The data is read where it lies, never copied.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../foundation/errors.ts';
import { PROJECT_ROOT } from '../foundation/project-root.ts';

export const UPSTREAM_URL = 'https://github.com/kevinwu23/StanfordFineTuneBench';
export const DEFAULT_CHECKOUT = path.join(PROJECT_ROOT, 'data', 'finetunebench');

export interface CheckoutLocation {
  dir: string;
  /** Where the path came from, for messages. */
  from: '--from' | 'FINETUNEBENCH_DIR' | 'default';
}

function isDirectory(p: string): boolean {
  return existsSync(p) && statSync(p).isDirectory();
}

export function locateCheckout(from: string | undefined, env: NodeJS.ProcessEnv = process.env): CheckoutLocation {
  const chosen: CheckoutLocation =
    from !== undefined && from !== ''
      ? { dir: path.resolve(from), from: '--from' }
      : env.FINETUNEBENCH_DIR
        ? { dir: path.resolve(env.FINETUNEBENCH_DIR), from: 'FINETUNEBENCH_DIR' }
        : { dir: DEFAULT_CHECKOUT, from: 'default' };
  const clone = `git clone ${UPSTREAM_URL} ${path.relative(process.cwd(), DEFAULT_CHECKOUT) || DEFAULT_CHECKOUT}`;
  if (!isDirectory(chosen.dir)) {
    const how =
      chosen.from === '--from'
        ? `--from ${chosen.dir}`
        : chosen.from === 'FINETUNEBENCH_DIR'
          ? `FINETUNEBENCH_DIR=${chosen.dir}`
          : `the default ${chosen.dir} (no --from given and FINETUNEBENCH_DIR is not set)`;
    throw new UserError(`no FineTuneBench checkout at ${how}: the folder does not exist.\nClone it first (${clone}) or pass --from <dir>.`);
  }
  if (!isDirectory(path.join(chosen.dir, 'datasets')))
    throw new UserError(
      `${chosen.dir} is not a FineTuneBench checkout: it has no datasets/ folder (expected a clone of ${UPSTREAM_URL}).`,
    );
  return chosen;
}
