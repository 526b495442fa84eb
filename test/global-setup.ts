/**
 * Runs before the test files: one line for each kind of outside data whose
 * variable is unset (its tests skip), and a failure when CI is set and one is
 * missing (test/helpers/outside-data.ts). Each vitest project runs it; the
 * lines are said once.
 */
import { OUTSIDE_DATA, outsideDataPath, skipLine } from './helpers/outside-data.ts';

const SAID = Symbol.for('ftbench.outside-data-lines-said');

export default function setup(): void {
  const global = globalThis as { [SAID]?: boolean };
  const missing = OUTSIDE_DATA.filter((data) => outsideDataPath(data) === undefined);
  if (global[SAID]) return;
  global[SAID] = true;
  for (const data of missing) console.warn(skipLine(data));
}
