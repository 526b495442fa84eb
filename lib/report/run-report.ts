/**
 * The end of every command that evaluates (`npm start`, `npm run report`,
 * `npm run reproduce`, a plain `promptfoo eval` through the suite's hook):
 * judge the errors, write the report (the error gate's message is in its
 * page), and say where it is. The exit code is the caller's to set.
 */
import path from 'node:path';
import { errorTotals, judgeErrors, type ErrorVerdict } from './error-gate.ts';
import { leftOutLine } from './render.ts';
import type { ReportData } from './report-data.ts';
import { writeReport, type WriteReportOptions, type WrittenReport } from './write-report.ts';

export interface RunReportOptions extends WriteReportOptions {
  /** From --max-error-rate (parseMaxErrorRate); 0 by default. */
  maxErrorRate?: number;
  /** Errors the run explains as gaps of its data (see judgeErrors). */
  knownErrors?: number;
  /** Paths in the lines are shown relative to this folder (the command's cwd). */
  cwd?: string;
}

export interface RunReport {
  written: WrittenReport;
  verdict: ErrorVerdict;
  /** What to print after the tables: where the report is, and the error gate's message. */
  lines: string[];
}

const shownFrom = (cwd: string) => (p: string) => {
  const rel = path.relative(cwd, p);
  return rel && !rel.startsWith('..') ? rel : p;
};

export async function writeRunReport(summary: ReportData, options: RunReportOptions = {}): Promise<RunReport> {
  const verdict = judgeErrors(errorTotals(summary.rows), options.maxErrorRate ?? 0, options.knownErrors ?? 0);
  const written = await writeReport(summary, { ...options, ...(verdict.message ? { errorNote: verdict.message } : {}) });
  const shown = shownFrom(options.cwd ?? process.cwd());
  const beside = [written.json, written.markdown, ...(written.csv ? [written.csv] : [])].map((f) => path.basename(f));
  const lines = [`wrote ${shown(written.html)} (charts), ${beside.slice(0, -1).join(', ')} and ${beside.at(-1)} beside it`];
  if (written.latest) lines.push(`${shown(written.latest)} → ${path.basename(written.dir)}`);
  if (summary.scope?.partial) lines.push(`partial report: it holds ${summary.scope.domains.join(', ')} only`);
  if (leftOutLine(summary.scope)) lines.push(leftOutLine(summary.scope));
  if (verdict.message) lines.push(`${verdict.exitCode ? 'error' : 'note'}: ${verdict.message}`);
  return { written, verdict, lines };
}
