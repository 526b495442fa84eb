/**
 * Grader agreement, when the summary was asked for it (`npm run agreement`):
 * per provider × domain × split, each grading stage's accuracy alone, the
 * cascade's, Cohen's kappa between the stages, and what judging cost
 * (agreement.ts), on the terminal (render-agreement.ts). summary.json holds
 * the rows (`agreement`).
 */
import { renderAgreementTable, renderJudgeUsage } from '../render-agreement.ts';
import type { ReportData } from '../report-data.ts';
import type { Section } from '../report-section.ts';

export const agreementSection = {
  terminal: (report: ReportData) => (report.agreement ? `${renderAgreementTable(report.agreement)}\n${renderJudgeUsage(report.agreement)}` : ''),
  html: () => [],
} satisfies Section;
