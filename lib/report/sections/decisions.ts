/**
 * Fine-tune or retrieve? Per domain (summary.json's `decisions`,
 * decisions.ts): a table of approach × split with accuracy, training cost,
 * inference cost and prompt tokens per question, the total for 1,000
 * questions, the cost of one correct answer, whether the approach is the
 * cheapest at its accuracy (the Pareto front), and which of its figures an
 * emulator gave; in the HTML report beside a chart of accuracy against total
 * cost, one panel per split (decision-chart.ts). docs/fine-tune-or-retrieve.md
 * explains how to read them.
 */
import Table from 'cli-table3';
import { EMULATION_NOTE } from '../../models/emulation.ts';
import { decisionChartSpec, isDrawn, isEmulated } from '../decision-chart.ts';
import type { DecisionRow, DecisionTable } from '../decisions.ts';
import { formatAccuracy, formatInterval, formatUsd, NO_DATA } from '../format.ts';
import { markdownRow, markdownText } from '../markdown-text.ts';
import { orderProviders, providerColors } from '../provider-order.ts';
import type { ReportData } from '../report-data.ts';
import type { ReportSection, Section } from '../report-section.ts';
import { anchor } from './section-kit.ts';

const NO_MEASUREMENT = 'no data';

function trainingCell(r: DecisionRow): string {
  const t = r.training;
  if (t.from === 'none') return 'none';
  if (t.usd === null) return NO_MEASUREMENT;
  const tokens = t.trainedTokens === undefined ? '' : `${t.trainedTokens.toLocaleString('en-US')} tokens`;
  return t.from === 'estimate' ? `${formatUsd(t.usd)} estimate${tokens ? ` (${tokens})` : ''}` : `${formatUsd(t.usd)}${tokens ? ` (${tokens} trained)` : ''}`;
}

function inferenceCell(r: DecisionRow): string {
  const i = r.inference;
  return i.perThousand === null ? `${NO_MEASUREMENT}${i.missing ? `: ${i.missing}` : ''}` : formatUsd(i.perThousand);
}

function perCorrectCell(r: DecisionRow): string {
  if (r.perCorrect !== null) return formatUsd(r.perCorrect);
  if (r.totalPerThousand === null || r.accuracy === null) return NO_MEASUREMENT;
  return 'none correct';
}

/** Which of a row's figures an emulator gave. */
export function emulatedFigures(r: DecisionRow): string[] {
  return [...(r.emulated ? ['accuracy'] : []), ...(r.inference.emulated ? ['tokens'] : []), ...(r.training.emulated ? ['trained tokens'] : [])];
}

export function decisionGrid(table: DecisionTable): { head: string[]; cells: string[][] } {
  const q = table.questions.toLocaleString('en-US');
  const head = [
    'approach',
    'split',
    'n',
    'accuracy',
    '95% CI',
    'training',
    `inference per ${q} questions`,
    'prompt tokens per question',
    `total for ${q} questions`,
    'per correct answer',
    'cheapest at its accuracy',
    'emulated',
  ];
  const cells = table.rows.map((r) => [
    r.provider,
    r.split,
    String(r.n),
    formatAccuracy(r.accuracy),
    formatInterval(r.ci95),
    trainingCell(r),
    inferenceCell(r),
    r.inference.promptTokens === null ? NO_MEASUREMENT : String(Math.round(r.inference.promptTokens)),
    r.totalPerThousand === null ? NO_MEASUREMENT : formatUsd(r.totalPerThousand),
    perCorrectCell(r),
    r.front ? 'yes' : '',
    emulatedFigures(r).join(', ') || 'no',
  ]);
  return { head, cells };
}

/** The dates of every price a table used, oldest first. */
export function pricesReadOn(table: DecisionTable): string[] {
  return [...new Set(table.rows.flatMap((r) => [...r.inference.pricesReadOn, ...(r.training.pricesReadOn ? [r.training.pricesReadOn] : [])]))].sort();
}

/** What the table's numbers rest on, and what it leaves out: lines under the table. */
export function decisionNotes(table: DecisionTable): string[] {
  const dates = pricesReadOn(table);
  const notes = [
    `Prices: lib/models/prices.json, read on ${dates.length ? dates.join(', ') : NO_DATA} (check the platforms' pricing pages before deciding; docs/fine-tune-or-retrieve.md).`,
  ];
  if (table.rows.some(isEmulated)) notes.push(`Figures listed under "emulated": ${EMULATION_NOTE}; its token counts are its own estimate.`);
  if (table.rows.some((r) => r.training.from === 'estimate')) notes.push("A training cost marked estimate is the plan's (the training file's tokens × epochs × the price): the platform had not reported the tokens it trained.");
  const undrawn = [...new Set(table.rows.filter((r) => !isDrawn(r)).map((r) => r.provider))];
  if (undrawn.length) notes.push(`Not on the chart (no accuracy or no measured cost, see the table): ${undrawn.join(', ')}.`);
  return notes;
}

const INTRO =
  'Each approach on each split: its accuracy (95% Wilson interval), what its training cost (once, spread over the questions), what answering costs (tokens × the dated price), ' +
  'the total for 1,000 questions and what one correct answer costs at that volume. "Cheapest at its accuracy" marks the Pareto front: no other approach is cheaper and at least as accurate. ' +
  'A figure nobody measured says "no data", never $0.';

export function decisionSections(report: ReportData): ReportSection[] {
  const colors = providerColors(report.rows);
  const providers = orderProviders(report.rows);
  return (report.decisions ?? []).map((table) => {
    const grid = decisionGrid(table);
    const emulated = table.rows.some(isEmulated);
    const drawn = table.rows.some(isDrawn);
    return {
      id: anchor('decision', table.domain),
      title: `${table.domain}: fine-tune or retrieve? accuracy and cost${emulated ? ' (emulation)' : ''}`,
      intro: `${INTRO}${drawn ? ' The chart: accuracy against the total on a log scale, one panel per split; the ringed points joined by the dashed line are the front.' : ''}`,
      ...(drawn && {
        figure: {
          id: anchor('figure', 'decision', table.domain),
          title: `${table.domain}: accuracy against cost for ${table.questions.toLocaleString('en-US')} questions${emulated ? ' (emulation)' : ''}`,
          spec: decisionChartSpec(table, providers, providers.map((p) => colors.get(p)!)),
        },
      }),
      table: { head: grid.head, rows: grid.cells },
      notes: decisionNotes(table),
    };
  });
}

function terminal(report: ReportData): string {
  return (report.decisions ?? [])
    .map((table) => {
      const { head, cells } = decisionGrid(table);
      const t = new Table({ head, style: { head: [], border: [] } });
      t.push(...cells);
      return [`${table.domain}: fine-tune or retrieve? accuracy and cost`, t.toString(), ...decisionNotes(table)].join('\n');
    })
    .join('\n\n');
}

function markdown(report: ReportData): string {
  const tables = report.decisions ?? [];
  if (tables.length === 0) return '';
  const out = ['## Fine-tune or retrieve: accuracy and cost', '', markdownText(INTRO), ''];
  for (const table of tables) {
    const { head, cells } = decisionGrid(table);
    out.push(`### ${markdownText(table.domain)}`, '', markdownRow(head), markdownRow(head.map(() => '---')), ...cells.map(markdownRow), '');
    out.push(...decisionNotes(table).map((n) => `- ${markdownText(n)}`), '');
  }
  return out.join('\n');
}

export const decisionSection: Section = { terminal, markdown, html: decisionSections };
