/**
 * Summarizes promptfoo results into rows of provider × domain × split with
 * n, correct, accuracy and a 95% Wilson interval. This is the shape of
 * reports/<name>/summary.json, whatever produced the results (npm start,
 * `npm run report` on any promptfoo output file, the reproduction script).
 * Each row carries its provider's identity when the answers do
 * (lib/ledger/provider-identity.ts): the analyses group by it, never by label.
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
  /** Which grader the row's verdicts come from, when a report compares graders. */
  grader?: string;
  /** Some of the row's answers came from an emulator (lib/models/emulation.ts). */
  emulated?: true;
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
  testCase?: { metadata?: Record<string, unknown> };
  metadata?: Record<string, unknown>;
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
export function answerVerdict(r: PromptfooResultLike): { pass: boolean; stale: boolean | null } {
  const records = gradingRecords(r);
  const record = records.find((g) => g.grader === 'cascade') ?? records[0];
  return record ? { pass: record.pass, stale: record.stale } : { pass: Boolean(r.success), stale: null };
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
  interface Acc { n: number; correct: number; errors: number; firstErrors: string[]; staleN: number; stale: number; emulated?: true }
  const groups = new Map<string, { key: [string, string, string]; acc: Acc }>();
  const identities = new Map<string, ProviderIdentity>();
  for (const r of results) {
    const meta = { ...(r.metadata ?? {}), ...(r.testCase?.metadata ?? {}) };
    const key: [string, string, string] = [providerName(r), String(meta.domain ?? 'unknown'), String(meta.split ?? 'all')];
    const id = JSON.stringify(key);
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { key, acc: { n: 0, correct: 0, errors: 0, firstErrors: [], staleN: 0, stale: 0 } }));
    if (r.metadata?.emulated === true) g.acc.emulated = true;
    noteIdentity(identities, key[0], key[1], identityOf(r.metadata, key[0]));
    if (isErrored(r)) {
      g.acc.errors++;
      const line = errorLine(r);
      if (g.acc.firstErrors.length < FIRST_ERRORS && !g.acc.firstErrors.some((e) => errorKind(e) === errorKind(line))) g.acc.firstErrors.push(line);
      continue;
    }
    const v = verdictOf(r);
    g.acc.n++;
    if (v.pass) g.acc.correct++;
    if (v.stale !== null) {
      g.acc.staleN++;
      if (v.stale) g.acc.stale++;
    }
  }
  const rows = [...groups.values()].map(({ key: [provider, domain, split], acc }) => {
    const row: SummaryRow = {
      provider,
      domain,
      split,
      n: acc.n,
      correct: acc.correct,
      accuracy: acc.n ? acc.correct / acc.n : null,
      ci95: acc.n ? wilsonInterval(acc.correct, acc.n) : null,
      errors: acc.errors,
    };
    if (acc.errors > 0) row.firstErrors = acc.firstErrors;
    if (acc.staleN > 0) {
      row.stale = acc.stale / acc.staleN;
      row.staleCi95 = wilsonInterval(acc.stale, acc.staleN);
    }
    if (grader) row.grader = grader;
    if (acc.emulated) row.emulated = true;
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
