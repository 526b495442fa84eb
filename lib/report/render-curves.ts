/**
 * Learning curves (curves.ts) and recipe comparisons (recipe-comparison.ts)
 * as tables: terminal tables for `npm start` / `npm run report`, and the
 * Markdown sections of summary.md. Numbers from an emulator are marked so.
 */
import Table from 'cli-table3';
import { EMULATION_LEGEND, markEmulated } from '../models/emulation.ts';
import { fitHeads, formatAccuracy, formatDifference, formatInterval, NO_DATA } from './format.ts';
import { markdownRow, markdownText } from './markdown-text.ts';
import type { Curve, CurvePoint } from './curves.ts';
import { settingName, type RecipeComparison } from './recipe-comparison.ts';

const acc = formatAccuracy;
const withInterval = (x: number | null, ci: [number, number] | null): string => (x === null || !ci ? NO_DATA : `${formatAccuracy(x)} ${formatInterval(ci)}`);
const signed = formatDifference;
const formatP = (p: number | null): string => (p === null ? NO_DATA : p < 0.0001 ? '<0.0001' : p.toFixed(4));

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
    title: markEmulated(`${curve.domain}: ${curve.label}`, curve.emulated),
    head: ['series', 'split', 'base', 'in-context', ...epochs.map((e) => `epoch ${e}`)],
    cells,
  };
}

/** The columns of a recipe comparison's grid (the terminal's, summary.md's and the HTML report's). */
export const RECIPE_HEAD = ['split', 'setting', 'reference', 'compared', 'paired n', 'accuracy, reference', 'accuracy, compared', 'difference', '95% CI', 'McNemar p', 'right only in reference / compared'];

/**
 * One grid per comparison: a row per split × compared run, each against the
 * reference run on the questions both answered: which setting and values,
 * how many pairs, each side's accuracy on them, the difference with its 95%
 * interval, McNemar's p and the discordant pairs it is computed from (the
 * HTML report's table too).
 */
export function recipeGrid(c: RecipeComparison): Grid {
  const reference = c.runs[0]!;
  const platform = String(c.fixed.platform);
  const name = settingName(c.setting, platform);
  const cells: string[][] = [];
  for (const s of c.splits) {
    for (const d of s.differences) {
      const run = c.runs.find((r) => r.provider === d.provider)!;
      // Each side's accuracy on the paired questions, so that compared − reference is the difference shown.
      const [onReference, onCompared] = d.n ? [(d.both + d.onlyA) / d.n, (d.both + d.onlyB) / d.n] : [null, null];
      cells.push([
        s.split,
        name,
        reference.value,
        run.value,
        String(d.n),
        acc(onReference),
        acc(onCompared),
        signed(d.difference),
        d.ci95 ? `[${signed(d.ci95[0])}, ${signed(d.ci95[1])}]` : NO_DATA,
        formatP(d.pValue),
        `${d.onlyA} / ${d.onlyB}`,
      ]);
    }
  }
  const fixed = Object.entries(c.fixed).map(([k, v]) => `${settingName(k, platform)} ${v}`).join(', ');
  return {
    title: markEmulated(`${c.domain}: ${c.baseModel}, ${name} ${reference.value} vs ${c.runs.slice(1).map((r) => r.value).join(', ')} (${fixed})`, c.emulated),
    head: RECIPE_HEAD,
    cells,
  };
}

function terminal(grid: Grid): string {
  const t = new Table({ head: grid.head, style: { head: [], border: [] }, ...fitHeads(grid.head, grid.cells) });
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
  if (parts.length && anyEmulated(curves, recipes)) parts.push(EMULATION_LEGEND);
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
  if (out.length && anyEmulated(curves, recipes)) out.push(markdownText(EMULATION_LEGEND), '');
  return out.join('\n');
}
