/**
 * Grader agreement, when the summary was asked for it (`npm run agreement`):
 * per provider × domain × split, each grading stage's accuracy alone, the
 * cascade's, Cohen's kappa between the stages, and what judging cost
 * (agreement.ts), on the terminal (render-agreement.ts). summary.json holds
 * the rows (`agreement`).
 */
import { EMULATION_LEGEND, markEmulated } from '../../models/emulation.ts';
import { renderAgreementTable, renderJudgeUsage } from '../render-agreement.ts';
import type { ReportData } from '../report-data.ts';
import type { Section } from '../report-section.ts';

function terminal(report: ReportData): string {
  if (!report.agreement) return '';
  // Providers an emulator answered are marked as in every other table.
  const emulated = new Set(report.rows.filter((r) => r.emulated).map((r) => r.provider));
  const rows = report.agreement.map((a) => ({ ...a, provider: markEmulated(a.provider, emulated.has(a.provider)) }));
  const marked = report.agreement.some((a) => emulated.has(a.provider));
  return [renderAgreementTable(rows), renderJudgeUsage(report.agreement), ...(marked ? [EMULATION_LEGEND] : [])].join('\n');
}

export const agreementSection = {
  terminal,
  html: () => [],
} satisfies Section;
