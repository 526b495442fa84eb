/**
 * Renders the tuned vs base vs in-context comparisons (comparison.ts) for
 * people: terminal tables for `npm start` / `npm run report`, and the Markdown
 * section of summary.md. Knowledge splits and locality get separate tables:
 * on a control domain the question is what tuning broke, not what it taught.
 */
import Table from 'cli-table3';
import { LOCALITY_SPLIT, type Comparison, type ComparisonCell } from './comparison.ts';
import { EMULATION_LEGEND, markEmulated } from '../models/emulation.ts';
import { formatAccuracy, formatDifference } from './format.ts';
import { markdownRow, markdownText } from './markdown-text.ts';

/** A side of a comparison: its accuracy, or why there is none (not run, or every call failed). */
export const comparisonSide = (c: ComparisonCell | null): string =>
  c === null ? 'not run' : c.accuracy === null ? `no data: all ${c.errors} calls failed` : formatAccuracy(c.accuracy);
const accuracy = comparisonSide;
const signed = formatDifference;
/** The tuned run as people know it: its provider's label (display only), marked `(emulation)` when a side of the comparison came from an emulator. */
export const runName = (c: Comparison) => markEmulated(c.tuned?.provider ?? 'no tuned run', c.emulated);

function tables(comparisons: readonly Comparison[]) {
  const withGrader = comparisons.some((c) => c.grader);
  const grader = (c: Comparison) => (withGrader ? [c.grader ?? ''] : []);
  const knowledge = comparisons.filter((c) => c.split !== LOCALITY_SPLIT);
  const locality = comparisons.filter((c) => c.split === LOCALITY_SPLIT);
  // A retrieval column only when the suites asked retrieval (npm start -- --retrieval K).
  const withRetrieval = knowledge.some((c) => c.retrieval !== undefined);
  return {
    knowledge: {
      head: ['domain', 'split', ...(withGrader ? ['grader'] : []), 'base model', 'tuned run', 'tuned', 'base', 'in-context', ...(withRetrieval ? ['retrieval'] : []), 'tuned − base', 'in-context − tuned'],
      cells: knowledge.map((c) => [
        c.domain,
        c.split,
        ...grader(c),
        c.baseModel,
        runName(c),
        accuracy(c.tuned),
        accuracy(c.base),
        accuracy(c.inContext),
        ...(withRetrieval ? [accuracy(c.retrieval ?? null)] : []),
        signed(c.tunedMinusBase),
        signed(c.inContextMinusTuned),
      ]),
    },
    locality: {
      head: ['control domain', ...(withGrader ? ['grader'] : []), 'base model', 'tuned run', 'tuned', 'base', 'change'],
      cells: locality.map((c) => [c.domain, ...grader(c), c.baseModel, runName(c), accuracy(c.tuned), accuracy(c.base), signed(c.tunedMinusBase)]),
    },
  };
}

const hasMissingSide = (c: Comparison) => [c.tuned, c.base, c.inContext].some((s) => s === null || s.accuracy === null);
const MISSING_NOTE = 'A side that was not run or whose calls all failed has no accuracy; a difference with such a side is —, never +0.000.';

/** Terminal tables; '' when there is nothing to compare. */
export function renderComparisonTables(comparisons: readonly Comparison[]): string {
  if (comparisons.length === 0) return '';
  const { knowledge, locality } = tables(comparisons);
  const table = (t: { head: string[]; cells: string[][] }) => {
    const out = new Table({ head: t.head, style: { head: [], border: [] } });
    out.push(...t.cells);
    return out.toString();
  };
  const parts: string[] = [];
  const emulated = (split: (c: Comparison) => boolean) => comparisons.some((c) => split(c) && c.emulated);
  if (knowledge.cells.length) parts.push(markEmulated('Tuned vs base vs in-context (accuracy)', emulated((c) => c.split !== LOCALITY_SPLIT)), table(knowledge));
  if (locality.cells.length)
    parts.push(`${parts.length ? '\n' : ''}${markEmulated('Locality: control domains on each tuned model and its base model', emulated((c) => c.split === LOCALITY_SPLIT))}`, table(locality));
  if (comparisons.some(hasMissingSide)) parts.push(MISSING_NOTE);
  if (comparisons.some((c) => c.emulated)) parts.push(EMULATION_LEGEND);
  return parts.join('\n');
}

/** The "Tuned vs base vs in-context" section of summary.md; '' when there is nothing to compare. */
export function renderComparisonMarkdown(comparisons: readonly Comparison[]): string {
  if (comparisons.length === 0) return '';
  const { knowledge, locality } = tables(comparisons);
  const line = markdownRow;
  const table = (t: { head: string[]; cells: string[][] }) => [line(t.head), line(t.head.map(() => '---')), ...t.cells.map(line)];
  const out = [
    '## Tuned vs base vs in-context',
    '',
    'Accuracy of each tuned model beside its untuned base model and the base model with the domain\'s facts in its prompt (in-context). ' +
      'tuned − base is what tuning taught; in-context − tuned is what the facts could still give. Intervals and n are in the table above.',
    '',
  ];
  if (knowledge.cells.length) out.push(...table(knowledge), '');
  if (locality.cells.length) {
    out.push(
      '### Locality',
      '',
      'Control domains (facts the base model already knows) on each tuned model and its base model; the change is what tuning broke (negative) or kept (zero).',
      '',
      ...table(locality),
      '',
    );
  }
  if (comparisons.some(hasMissingSide)) out.push(MISSING_NOTE, '');
  if (comparisons.some((c) => c.emulated)) out.push(markdownText(EMULATION_LEGEND), '');
  return out.join('\n');
}
