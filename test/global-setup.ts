/**
 * Runs before the test files: one line for each kind of outside data whose
 * variable is unset (its tests skip), and a failure when CI is set and one is
 * missing (test/helpers/outside-data.ts). Each vitest project runs it; the
 * lines are said once, and the first project's teardown removes the run's
 * temporary folder.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { OUTSIDE_DATA, outsideDataPath, skipLine } from './helpers/outside-data.ts';

const SAID = Symbol.for('ftbench.outside-data-lines-said');

/** The run's temporary folder (vitest.config.ts): removed when the whole run ends. */
function removeRunTemp(): void {
  const dir = process.env.FTBENCH_TEST_TMP;
  if (dir && path.basename(dir).startsWith('ftbench-tests-')) rmSync(dir, { recursive: true, force: true });
}

export default function setup(): () => void {
  const global = globalThis as { [SAID]?: boolean };
  const missing = OUTSIDE_DATA.filter((data) => outsideDataPath(data) === undefined);
  if (global[SAID]) return () => {};
  global[SAID] = true;
  for (const data of missing) console.warn(skipLine(data));
  return removeRunTemp;
}
