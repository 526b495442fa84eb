/**
 * What a report is built from, as build-summary.ts builds it from promptfoo
 * results: the rows of provider × domain × split, the comparisons read from
 * them, the analyses across runs, what says how complete it is, and what a
 * caller asked for beside (rows per grader, grader agreement). summary.json
 * holds exactly this, plus the data of every chart.
 */
import type { AgreementRow } from './agreement.ts';
import type { Comparison } from './comparison.ts';
import type { DecisionTable } from './decisions.ts';
import type { Overview } from './overview.ts';
import type { WithRetrieval } from './retrieval-hit-rates.ts';
import type { RunAnalysis } from './run-analysis.ts';
import type { Summary } from './summary.ts';

/** Which domains a report holds, and whether that is the whole picture. */
export interface ReportScope {
  /** The domains this report holds. */
  domains: string[];
  /** True when the run was limited (`--only`, one suite run by hand): other domains exist but are not here. */
  partial: boolean;
  /** Domains known to the run but not evaluated in it (when known). */
  missing?: string[];
  /** How the run was limited or where its results came from, e.g. `npm start -- --only fictional-people`. */
  how?: string;
  /** The newest earlier report that holds every domain (a folder under reports/), when there is one. */
  latestFull?: string;
  /**
   * Question × provider pairs not run, of all `of` pairs, and why: an eval
   * promptfoo merged from several suites asks each question only of its own
   * suite's providers (lib/suites/suite-scope.ts). Absent when none was left out.
   */
  leftOut?: {
    pairs: number;
    of: number;
    reason: string;
    /** Each provider left out of some questions: its label, the suite it is bound to, how many questions of which domains. */
    providers: { provider: string; suite?: string; questions: number; domains: string[] }[];
  };
}

export interface ReportData extends Summary, RunAnalysis, WithRetrieval {
  /** The headline: per provider and kind of knowledge, memorization vs generalization and the gap (overview.ts). */
  overview?: Overview;
  comparisons: Comparison[];
  /** Per knowledge domain with tuned, base, in-context or retrieval rows: each approach's accuracy and cost by split (decisions.ts). */
  decisions?: DecisionTable[];
  scope?: ReportScope;
  /** Set when rows are given once per grader (`npm run reproduce`): graders in order. */
  graders?: string[];
  /** With `graders`: whether the paper grader had its judge (else its judge splits were graded by exact match only). */
  paperJudged?: boolean;
  /** Set when asked (`npm run agreement`): each grading stage's accuracy alone and Cohen's kappa between them. */
  agreement?: AgreementRow[];
}
