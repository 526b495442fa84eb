/**
 * A domain's provider columns, from what they are to the suites that hold
 * them: each gets its label and description (column-labels.ts, from its
 * identity, and whether an emulator answers where it asks), then they are
 * shared out among suites so that promptfoo's viewer stays readable:
 *
 * - the domain's suite, `<domain>.yaml`: the tuned models and the references
 *   (base, in-context, lookup);
 * - a run's checkpoints are a suite of their own,
 *   `<domain>.checkpoints.<run key>.yaml` (one eval in the viewer per run's
 *   learning curve; the report joins them again by identity);
 * - no suite holds more than `maxColumns` columns (DEFAULT_MAX_COLUMNS unless
 *   asked: `--max-columns N`): the rest go to `<domain>.2.yaml`, … (the
 *   references stay in the first), and `<…checkpoints…>.2.yaml`, ….
 */
import type { ProviderIdentity } from '../ledger/provider-identity.ts';
import type { SuiteProvider } from './build-suite.ts';
import { columnLabels, describeColumn, type LabelContext } from './column-labels.ts';

/** The most provider columns a suite holds unless asked for more (six fit the viewer at 1280 px). */
export const DEFAULT_MAX_COLUMNS = 6;

/** A provider the suites can ask, before it has a label. */
export interface ProviderColumn {
  /** How promptfoo loads it (`file://…/providers/x.ts`). */
  id: string;
  config: Record<string, unknown> & { identity: ProviderIdentity };
  /** The base URL it will ask; absent for a public API's default, or no model at all. */
  asks?: string;
  /** The key of the run it is a checkpoint of. */
  checkpointOf?: string;
}

/** A column with its label and, in its config, its description. */
export interface LabelledColumn {
  provider: SuiteProvider & { config: { identity: ProviderIdentity; description: string } };
  emulated: boolean;
  checkpointOf?: string;
}

export function labelColumns(columns: readonly ProviderColumn[], emulatorUrls: ReadonlySet<string>, context: LabelContext): LabelledColumn[] {
  const emulated = columns.map((c) => c.asks !== undefined && emulatorUrls.has(c.asks));
  const labels = columnLabels(
    columns.map((c, i) => ({ identity: c.config.identity, emulated: emulated[i]! })),
    context,
  );
  return columns.map((c, i) => ({
    provider: { id: c.id, label: labels[i]!, config: { ...c.config, description: describeColumn(c.config.identity, emulated[i]!, context) } },
    emulated: emulated[i]!,
    ...(c.checkpointOf && { checkpointOf: c.checkpointOf }),
  }));
}

/** One suite's share of a domain's columns. */
export interface SuitePart {
  /** What follows the domain id in the file name: '' (the domain's suite), `.2`, `.checkpoints.<key>`, `.checkpoints.<key>.2`. */
  suffix: string;
  /** What the part holds, for the eval's description when it is not the domain's first suite: `checkpoints of run x`, `part 2 of 3`. */
  about?: string;
  columns: LabelledColumn[];
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The parts of one list of columns, `size` at most each, in order: `<suffix>`, `<suffix>.2`, …. */
function numbered(columns: readonly LabelledColumn[], size: number, suffix: string, about?: string): SuitePart[] {
  const parts = chunks(columns, size);
  return parts.map((cs, i) => {
    const which = parts.length > 1 ? `part ${i + 1} of ${parts.length}` : '';
    const said = [about, which].filter(Boolean).join(', ');
    return { suffix: i === 0 ? suffix : `${suffix}.${i + 1}`, ...(said && { about: said }), columns: cs };
  });
}

export function splitColumns(columns: readonly LabelledColumn[], maxColumns = DEFAULT_MAX_COLUMNS): SuitePart[] {
  if (!Number.isInteger(maxColumns) || maxColumns < 1) throw new Error(`maxColumns must be a whole number ≥ 1, got ${maxColumns}`);
  const main = columns.filter((c) => c.checkpointOf === undefined);
  // The references (every column but a tuned model) first, so they share the domain's first suite with as many tuned models as fit.
  const isTuned = (c: LabelledColumn) => {
    const identity = c.provider.config.identity;
    return identity.role === 'tuned' || (identity.role === 'retrieval' && identity.run !== undefined);
  };
  const placed = [...main.filter((c) => !isTuned(c)), ...main.filter(isTuned)];
  const mainParts = chunks(placed, maxColumns).map((cs) => main.filter((c) => cs.includes(c)));
  const parts: SuitePart[] = mainParts.map((cs, i) => ({
    suffix: i === 0 ? '' : `.${i + 1}`,
    ...(mainParts.length > 1 && { about: `part ${i + 1} of ${mainParts.length}` }),
    columns: cs,
  }));
  const keys = [...new Set(columns.flatMap((c) => (c.checkpointOf ? [c.checkpointOf] : [])))];
  for (const key of keys) {
    const own = columns.filter((c) => c.checkpointOf === key);
    const identity = own[0]!.provider.config.identity;
    const run = identity.role === 'tuned' ? identity.run?.name : undefined;
    // Eight hex digits name a run among a domain's; all sixteen when two share them.
    const short = keys.filter((k) => k.slice(0, 8) === key.slice(0, 8)).length > 1 ? key : key.slice(0, 8);
    parts.push(...numbered(own, maxColumns, `.checkpoints.${short}`, `checkpoints of run ${run ?? key}`));
  }
  return parts;
}
