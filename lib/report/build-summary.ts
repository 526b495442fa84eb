/**
 * The one way from promptfoo results to a report's summary (report-data.ts,
 * what summary.json holds): the rows of provider × domain × split, the
 * headline (memorization vs generalization, overview.ts), the comparisons of tuned, base and in-context models, the learning curves and
 * recipe comparisons, the scope, and, when asked, the rows once per grader
 * and the graders' agreement; and, from the domain files, retrieval's hit
 * rate when the caller measured it (npm start). `npm start`, `npm run report`, the suites'
 * promptfoo extension (a plain `promptfoo eval`) and `npm run reproduce` all
 * call it; they differ only in the results and the options they give.
 * Every rendering (terminal, summary.md, index.html) then reads the summary
 * only (report-sections.ts).
 */
import { agreementRows } from './agreement.ts';
import { tallyCosts } from './approach-costs.ts';
import { compareProviders } from './comparison.ts';
import { buildDecisions } from './decisions.ts';
import { gradersIn, PAPER_GRADER, paperJudged, verdictFor } from './grader-verdicts.ts';
import { buildOverview, domainKinds } from './overview.ts';
import type { ReportData, ReportScope } from './report-data.ts';
import type { RetrievalHitRates } from './retrieval-hit-rates.ts';
import { analyzeRuns } from './run-analysis.ts';
import { sortRows, summarizeResults, type EvalRef, type PromptfooResultLike } from './summary.ts';

export interface SummaryOptions {
  /** The evals the results came from, as the report lists them. */
  evals: EvalRef[];
  /** Which domains the report holds and how the run was limited; `domains` defaults to the rows' domains. */
  scope?: Omit<ReportScope, 'domains' | 'latestFull'> & { domains?: string[] };
  /** Rows once per grader the results can be read by (each cascade stage, paper mode), with `graders` (reproduce). */
  byGrader?: boolean;
  /** Each grading stage's accuracy alone and Cohen's kappa between them (`npm run agreement`). */
  agreement?: boolean;
  /** Retrieval's hit rate, measured from the evaluated domains' files (it needs no results). */
  retrieval?: RetrievalHitRates;
  /** When the summary was made (ms since the epoch); now by default. */
  now?: number;
}

export function buildSummary(results: readonly PromptfooResultLike[], options: SummaryOptions): ReportData {
  const graders = options.byGrader ? gradersIn(results) : undefined;
  const rows = graders ? sortRows(graders.flatMap((g) => summarizeResults(results, g, verdictFor(g)))) : summarizeResults(results);
  // Curves and recipe comparisons read each answer's own verdict, once per provider, whatever graders the rows compare.
  const ownRows = graders ? summarizeResults(results) : rows;
  const analysis = analyzeRuns(results, ownRows);
  const decisions = buildDecisions(ownRows, tallyCosts(results));
  const { domains, ...limits } = options.scope ?? {};
  const scope: ReportScope | undefined = options.scope && { domains: domains ?? [...new Set(rows.map((r) => r.domain))], ...(limits as Omit<ReportScope, 'domains'>) };
  // The headline reads one grader's verdicts: the cascade's last stage when rows are given per grader (as the charts do).
  const headlineGrader = graders && (graders.filter((g) => g !== PAPER_GRADER).at(-1) ?? graders[0]);
  return {
    generatedAt: new Date(options.now ?? Date.now()).toISOString(),
    evals: options.evals,
    overview: buildOverview(headlineGrader ? rows.filter((r) => r.grader === headlineGrader) : rows, domainKinds(results)),
    rows,
    ...(options.retrieval ? { retrieval: options.retrieval } : {}),
    ...analysis,
    comparisons: compareProviders(rows),
    ...(decisions.length ? { decisions } : {}),
    ...(scope ? { scope } : {}),
    ...(graders ? { graders, paperJudged: paperJudged(results) } : {}),
    ...(options.agreement ? { agreement: agreementRows(results) } : {}),
  };
}

/** The domains of results, in the order first met (a result's own metadata, then its test's, as the rows read them). */
export function resultDomains(results: readonly PromptfooResultLike[]): string[] {
  return [...new Set(results.map((r) => String({ ...(r.metadata ?? {}), ...(r.testCase?.metadata ?? {}) }.domain ?? 'unknown')))];
}

/** How a report lists one eval read from a results file or handed to the suite's hook. */
export function evalOf(results: readonly PromptfooResultLike[], evalId: string | null, suite?: string): EvalRef {
  return { domain: resultDomains(results).join(', '), evalId, ...(suite ? { suite } : {}), tests: results.length };
}
