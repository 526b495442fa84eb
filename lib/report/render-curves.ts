/**
 * Learning curves (curves.ts) and recipe comparisons (recipe-comparison.ts)
 * as tables: terminal tables for `npm start` / `npm run report`, and the
 * Markdown sections of summary.md. Numbers from an emulator are marked so.
 */
import Table from 'cli-table3';
import { EMULATION_NOTE } from '../models/emulation.ts';
import { formatAccuracy, formatDifference, formatInterval, NO_DATA } from './format.ts';
import { markdownRow, markdownText } from './markdown-text.ts';
import type { Curve, CurvePoint } from './curves.ts';
import { settingName, type RecipeComparison } from './recipe-comparison.ts';

const acc = formatAccuracy;
const withInterval = (x: number | null, ci: [number, number] | null): string => (x === null || !ci ? NO_DATA : `${formatAccuracy(x)} ${formatInterval(ci)}`);
const signed = formatDifference;
const formatP = (p: number | null): string => (p === null ? NO_DATA : p < 0.0001 ? '<0.0001' : p.toFixed(4));
const emulatedMark = (emulated: boolean) => (emulated ? ' (emulation)' : '');

export interface Grid {
  title: string;
  head: string[];
  cells: string[][];
}

/** One grid per curve: a row per series × split, a column per epoch, the references first (the HTML report's table too). */
export function curveGrid(curve: Curve): Grid {
  const epochs = [...new Set(curve.points.map((p) => p.epoch))].sort((a, b) => a - b);
  const series = [...new Set(curve.points.map((p) => p.series))];
  const ref = (split: string, role: string) => curve.references.find((r) => r.split === split && r.role === role);
  const cells: string[][] = [];
  for (const s of series) {
    for (const split of curve.splits) {
      const at = (e: number): CurvePoint | undefined => curve.points.find((p) => p.series === s && p.split === split && p.epoch === e);
      const base = ref(split, 'base');
      const inContext = ref(split, 'in-context');
      cells.push([s, split, acc(base?.accuracy ?? null), acc(inContext?.accuracy ?? null), ...epochs.map((e) => { const p = at(e); return p ? withInterval(p.accuracy, p.ci95) : ''; })]);
    }
  }
  return {
    title: `${curve.domain}: ${curve.label}${emulatedMark(curve.emulated)}`,
    head: ['series', 'split', 'base', 'in-context', ...epochs.map((e) => `epoch ${e}`)],
    cells,
  };
}

/** One grid per comparison: a row per split × compared run (the HTML report's table too). */
export function recipeGrid(c: RecipeComparison): Grid {
  const reference = c.runs[0]!;
  const cells: string[][] = [];
  for (const s of c.splits) {
    const accOf = (provider: string) => s.accuracies.find((a) => a.provider === provider);
    for (const d of s.differences) {
      const run = c.runs.find((r) => r.provider === d.provider)!;
      cells.push([
        s.split,
        acc(accOf(reference.provider)?.accuracy ?? null),
        run.value,
        acc(accOf(d.provider)?.accuracy ?? null),
        d.ci95 ? `${signed(d.difference)} [${signed(d.ci95[0])}, ${signed(d.ci95[1])}]` : signed(d.difference),
        d.ci95 === null ? '—' : d.excludesZero ? 'yes' : 'no',
        formatP(d.pValue),
        `${d.n} (${d.onlyA} vs ${d.onlyB})`,
      ]);
    }
  }
  const platform = String(c.fixed.platform);
  const fixed = Object.entries(c.fixed).map(([k, v]) => `${settingName(k, platform)} ${v}`).join(', ');
  const name = settingName(c.setting, platform);
  return {
    title: `${c.domain}: ${c.baseModel}, ${name} ${reference.value} vs ${c.runs.slice(1).map((r) => r.value).join(', ')} (${fixed})${emulatedMark(c.emulated)}`,
    head: ['split', `${name} ${reference.value}`, name, 'accuracy', 'difference [95% CI]', 'CI excludes 0', 'McNemar p', 'paired n (only ref vs only run)'],
    cells,
  };
}

function terminal(grid: Grid): string {
  const t = new Table({ head: grid.head, style: { head: [], border: [] } });
  t.push(...grid.cells);
  return `${grid.title}\n${t.toString()}`;
}

function markdown(grid: Grid): string {
  const line = markdownRow;
  return [`**${markdownText(grid.title)}**`, '', line(grid.head), line(grid.head.map(() => '---')), ...grid.cells.map(line), ''].join('\n');
}

const anyEmulated = (curves: readonly Curve[], recipes: readonly RecipeComparison[]) => curves.some((c) => c.emulated) || recipes.some((r) => r.emulated);

/** Terminal tables; '' when there is no curve and no comparison. */
export function renderCurveTables(curves: readonly Curve[], recipes: readonly RecipeComparison[]): string {
  const parts: string[] = [];
  if (curves.length) parts.push('Learning curves: accuracy [95% Wilson interval] by epoch', ...curves.map((c) => terminal(curveGrid(c))));
  if (recipes.length) parts.push('Runs that differ in one setting: difference against the first, paired by question', ...recipes.map((r) => terminal(recipeGrid(r))));
  if (parts.length && anyEmulated(curves, recipes)) parts.push(`(${EMULATION_NOTE})`);
  return parts.join('\n');
}

/** The "Learning curves" and "Recipe comparisons" sections of summary.md; '' when there is neither. */
export function renderCurveMarkdown(curves: readonly Curve[], recipes: readonly RecipeComparison[]): string {
  const out: string[] = [];
  if (curves.length) {
    out.push(
      '## Learning curves',
      '',
      'Accuracy [95% Wilson interval] against epoch, from each run\'s checkpoints and tuned model (`--checkpoints`), or from runs that differ only in epochs; the base model and the base model in-context are the references. summary.json has the points (`curves`).',
      '',
      ...curves.map((c) => markdown(curveGrid(c))),
    );
  }
  if (recipes.length) {
    out.push(
      '## Recipe comparisons',
      '',
      'Runs of one domain and base model that differ in exactly one setting (recipe, epochs, learning-rate multiplier, seed), each against the first: the difference of accuracy on the questions both answered, its 95% interval (Newcombe\'s paired score interval), and McNemar\'s exact test on those pairs. summary.json has them (`recipes`).',
      '',
      ...recipes.map((r) => markdown(recipeGrid(r))),
    );
  }
  if (out.length && anyEmulated(curves, recipes)) out.push(`_(${EMULATION_NOTE}.)_`, '');
  return out.join('\n');
}
