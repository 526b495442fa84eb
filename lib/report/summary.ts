/**
 * Summarizes promptfoo results into rows of provider × domain × split with
 * n, correct, accuracy and a 95% Wilson interval. This is the shape of
 * reports/<name>/summary.json, whatever produced the results (npm start,
 * `npm run report` on any promptfoo output file, the reproduction script).
 * Each row carries its provider's identity when the answers do
 * (lib/ledger/provider-identity.ts): the analyses group by it, never by label.
 *
 * An answer no grading stage decided (no judge configured) is counted in
 * `undecided`, not hidden in a fail: `accuracy` counts it wrong, and
 * `bounds` give the accuracy if every undecided answer is wrong (lower) and
 * if every one is right (upper), each with its Wilson interval; with a
 * judge every answer is decided and the bounds meet.
 *
 * The unit is the question: with `promptfoo eval --repeat N` each question
 * (its `question_id`, text and vars) is answered N times, and its share correct over its
 * repeats counts once, so n counts questions, the intervals are over
 * questions, and `repeats` says how many times each was asked.
 */
import { UserError } from '../foundation/errors.ts';
import { gradingRecords } from '../grading/grading-result.ts';
import { describeIdentity, identityOf, sameIdentity, type ProviderIdentity } from '../ledger/provider-identity.ts';
import { wilsonInterval } from './wilson.ts';

export interface SummaryRow {
  provider: string;
  domain: string;
  split: string;
  n: number;
  correct: number;
  /** null when n = 0: nothing was measured (every call failed), which is not an accuracy of 0. */
  accuracy: number | null;
  /** 95% Wilson interval; null when n = 0. */
  ci95: [number, number] | null;
  /** Tests whose provider call failed; not counted in n. */
  errors: number;
  /** The first distinct error messages (first line, at most FIRST_ERRORS of them), when errors > 0. */
  firstErrors?: string[];
  /** Update domains: share of the n answers that gave the previous answer. */
  stale?: number;
  /** 95% Wilson interval of `stale`. */
  staleCi95?: [number, number];
  /** Answers a grading stage decided; with repeats, questions' shares summed. */
  decided?: number;
  /** Answers no stage decided (a judge would): n = decided + undecided. */
  undecided?: number;
  /**
   * Accuracy if every undecided answer is wrong (`lower`, = accuracy) and if
   * every one is right (`upper`), with their 95% Wilson intervals; null when
   * n = 0. With a judge, undecided is 0 and they meet. (summarizeResults
   * always sets these three; rows built elsewhere may lack them.)
   */
  bounds?: { lower: number; upper: number; lowerCi95: [number, number]; upperCi95: [number, number] } | null;
  /** With `promptfoo eval --repeat`: how many answers each question had (one number, or the fewest and most). */
  repeats?: number | [number, number];
  /** Which grader the row's verdicts come from, when a report compares graders. */
  grader?: string;
  /**
   * Some of the row's answers came from an emulator (lib/models/emulation.ts).
   * summarizeResults always sets it, false included, so each row of
   * summary.json says whether its numbers are emulated; rows built elsewhere may lack it.
   */
  emulated?: boolean;
  /** What the provider is (role, base model, run, checkpoint), from its answers; absent when they carry none. */
  identity?: ProviderIdentity;
}

export interface EvalRef {
  domain: string;
  evalId: string | null;
  suite?: string;
  tests?: number;
}

export interface Summary {
  generatedAt: string;
  evals: EvalRef[];
  rows: SummaryRow[];
}

/** The part of a promptfoo EvaluateResult this summary reads. */
export interface PromptfooResultLike {
  provider?: { id?: string; label?: string } | string;
  testCase?: { metadata?: Record<string, unknown>; vars?: Record<string, unknown> };
  metadata?: Record<string, unknown>;
  /** The provider's answer as promptfoo keeps it; its token usage prices the answer (approach-costs.ts). */
  response?: { output?: unknown; tokenUsage?: { prompt?: number; completion?: number } } | null;
  success?: boolean;
  failureReason?: number;
  error?: string | null;
  gradingResult?: {
    pass?: boolean;
    componentResults?: { pass?: boolean; metadata?: Record<string, unknown> }[];
    metadata?: Record<string, unknown>;
  } | null;
}

/** promptfoo's ResultFailureReason.ERROR: the provider or an assertion threw. */
export const FAILURE_ERROR = 2;

/** How many distinct error messages a row keeps, and how long each may be. */
const FIRST_ERRORS = 3;
const ERROR_CHARS = 400;

export function isErrored(r: PromptfooResultLike): boolean {
  return r.failureReason === FAILURE_ERROR;
}

/** Errors that differ only in what they quote (the question asked, an id) are one kind of error. */
const errorKind = (line: string) => line.replace(/"[^"]*"|'[^']*'|`[^`]*`/g, '"…"');

/**
 * An error's first line, shortened: enough to say why, never a stack trace.
 * Long quoted parts (a question, an output) are cut first, so the reason
 * after them stays.
 */
function errorLine(r: PromptfooResultLike): string {
  const first = (r.error ?? 'unknown error').split('\n').find((l) => l.trim())?.trim() ?? 'unknown error';
  const line = first.replace(/"([^"]{40,})"/g, (_, q: string) => `"${q.slice(0, 36)}…"`);
  return line.length > ERROR_CHARS ? `${line.slice(0, ERROR_CHARS - 1)}…` : line;
}

export function providerName(r: PromptfooResultLike): string {
  if (typeof r.provider === 'string') return r.provider;
  return r.provider?.label || r.provider?.id || 'unknown';
}

/**
 * The verdict of a result: its cascade grading (lib/grading/grading-result.ts),
 * else the first grading of this project's assertions (a paper-only or
 * judge-only suite), else promptfoo's own success.
 */
export function answerVerdict(r: PromptfooResultLike): { pass: boolean; stale: boolean | null; decided: boolean } {
  const records = gradingRecords(r);
  const record = records.find((g) => g.grader === 'cascade') ?? records[0];
  return record ? { pass: record.pass, stale: record.stale, decided: record.decidedBy !== null } : { pass: Boolean(r.success), stale: null, decided: true };
}

export type Verdict = ReturnType<typeof answerVerdict>;

/**
 * Rows of provider × domain × split. `verdictOf` reads a result's verdict
 * (default: the answer-match component's); a report comparing graders passes
 * one per grader, with its name as `grader`.
 */
export function summarizeResults(
  results: readonly PromptfooResultLike[],
  grader?: string,
  verdictOf: (r: PromptfooResultLike) => Verdict = answerVerdict,
): SummaryRow[] {
  /** One question's answers (its repeats). */
  interface Question { answers: number; correct: number; undecided: number; staleN: number; stale: number }
  interface Acc { questions: Map<string, Question>; errors: number; firstErrors: string[]; emulated?: true }
  const groups = new Map<string, { key: [string, string, string]; acc: Acc }>();
  const identities = new Map<string, ProviderIdentity>();
  for (const [index, r] of results.entries()) {
    const meta = { ...(r.metadata ?? {}), ...(r.testCase?.metadata ?? {}) };
    const key: [string, string, string] = [providerName(r), String(meta.domain ?? 'unknown'), String(meta.split ?? 'all')];
    const id = JSON.stringify(key);
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { key, acc: { questions: new Map(), errors: 0, firstErrors: [] } }));
    if (r.metadata?.emulated === true) g.acc.emulated = true;
    noteIdentity(identities, key[0], key[1], identityOf(r.metadata, key[0]));
    if (isErrored(r)) {
      g.acc.errors++;
      const line = errorLine(r);
      if (g.acc.firstErrors.length < FIRST_ERRORS && !g.acc.firstErrors.some((e) => errorKind(e) === errorKind(line))) g.acc.firstErrors.push(line);
      continue;
    }
    // A question is what was asked: its id, text and vars; repeats of it (promptfoo eval --repeat) share them all.
    // A result without an id (a hand-written suite) is a question of its own.
    const qid = typeof meta.question_id === 'string' ? JSON.stringify([meta.question_id, meta.question ?? null, r.testCase?.vars ?? null]) : `#${index}`;
    let q = g.acc.questions.get(qid);
    if (!q) g.acc.questions.set(qid, (q = { answers: 0, correct: 0, undecided: 0, staleN: 0, stale: 0 }));
    const v = verdictOf(r);
    q.answers++;
    if (v.pass) q.correct++;
    if (!v.decided) q.undecided++;
    if (v.stale !== null) {
      q.staleN++;
      if (v.stale) q.stale++;
    }
  }
  const rows = [...groups.values()].map(({ key: [provider, domain, split], acc }) => {
    const questions = [...acc.questions.values()];
    const n = questions.length;
    // Each question counts once: its share over its repeats (1 or 0 without repeats).
    const correct = questions.reduce((sum, q) => sum + q.correct / q.answers, 0);
    const undecided = questions.reduce((sum, q) => sum + q.undecided / q.answers, 0);
    const staleQuestions = questions.filter((q) => q.staleN > 0);
    const stale = staleQuestions.reduce((sum, q) => sum + q.stale / q.staleN, 0);
    const row: SummaryRow = {
      provider,
      domain,
      split,
      n,
      correct: tidy(correct),
      accuracy: n ? correct / n : null,
      ci95: n ? wilsonInterval(correct, n) : null,
      errors: acc.errors,
      decided: tidy(n - undecided),
      undecided: tidy(undecided),
      bounds: n
        ? { lower: correct / n, upper: (correct + undecided) / n, lowerCi95: wilsonInterval(correct, n), upperCi95: wilsonInterval(correct + undecided, n) }
        : null,
    };
    const counts = questions.map((q) => q.answers);
    const [fewest, most] = [Math.min(...counts), Math.max(...counts)];
    if (n > 0 && most > 1) row.repeats = fewest === most ? most : [fewest, most];
    if (acc.errors > 0) row.firstErrors = acc.firstErrors;
    if (staleQuestions.length > 0) {
      row.stale = stale / staleQuestions.length;
      row.staleCi95 = wilsonInterval(stale, staleQuestions.length);
    }
    if (grader) row.grader = grader;
    row.emulated = acc.emulated === true;
    const identity = identities.get(JSON.stringify([provider, domain]));
    if (identity) row.identity = identity;
    return row;
  });
  return sortRows(rows);
}

/**
 * One identity per provider and domain: rows are keyed by label, so two
 * providers sharing a label (two suites of one domain, an old and a new
 * results file) must not be counted as one.
 */
function noteIdentity(identities: Map<string, ProviderIdentity>, provider: string, domain: string, identity: ProviderIdentity | null): void {
  if (!identity) return;
  const key = JSON.stringify([provider, domain]);
  const known = identities.get(key);
  if (!known) identities.set(key, identity);
  else if (!sameIdentity(known, identity))
    throw new UserError(
      `provider ${JSON.stringify(provider)} on domain ${domain}: its answers carry two different identities (${describeIdentity(known)}; ${describeIdentity(identity)}); ` +
        'two providers share this label: give each its own label',
    );
}

/** A sum of shares without float dust (0.30000000000000004 → 0.3). */
const tidy = (x: number) => Math.round(x * 1e9) / 1e9;

const SPLIT_ORDER = ['memorization', 'rephrased', 'derived', 'comparison', 'applied', 'abstain', 'locality'];

/** Where a split goes in tables and charts: memorization first, then generalization, abstain, locality, then others. */
export function splitRank(split: string): number {
  const i = SPLIT_ORDER.indexOf(split);
  return i === -1 ? SPLIT_ORDER.length : i;
}

export function sortRows<T extends Pick<SummaryRow, 'domain' | 'provider' | 'split' | 'grader'>>(rows: T[]): T[] {
  return rows.sort(
    (a, b) =>
      a.domain.localeCompare(b.domain) ||
      a.provider.localeCompare(b.provider) ||
      splitRank(a.split) - splitRank(b.split) ||
      a.split.localeCompare(b.split) ||
      (a.grader ?? '').localeCompare(b.grader ?? ''),
  );
}
