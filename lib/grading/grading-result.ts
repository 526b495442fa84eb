/**
 * The one codec between a grading outcome (grade.ts) and promptfoo's
 * GradingResult (structurally; no promptfoo import). The assertions write
 * with `toGradingResult`; reports and `npm run agreement` read with
 * `readGrading` / `gradingRecords`, never by probing metadata keys.
 *
 * What is written:
 * - `pass`, `score` (1 or 0) and `reason`: one short line, since promptfoo's
 *   viewer prints it above the answer in every failing cell (the deciding
 *   stage's reason, cut to REASON_CHARS, then `[<grader>: decided by
 *   <stage>]`; or `undecided, so it fails …`);
 * - `namedScores`: `{ <split>: score }`, plus `stale` (1 or 0) on update
 *   questions, so promptfoo's viewer shows accuracy per split; without a
 *   judge also `undecided` (1 when no stage decided) and `upper` (1 when it
 *   passed or is undecided: the upper bound), so each of the viewer's
 *   columns shows its share undecided and its upper bound (two chips, not
 *   two per split: the viewer shows ten at most); a grader with a
 *   `scoreSuffix` (judge-only: ` (judge)`) appends it to every key;
 * - `tokensUsed`: the judge's tokens, when a judge was called (cached
 *   verdicts count as cached, as promptfoo counts cached responses);
 * - `metadata`: `grader`, `decided_by` (a stage name, or null), `stages`
 *   (every stage that ran, in order: `{stage, verdict, reason}`), `stale`,
 *   `split`, and `judge` (id, correct, raw reply, cached, calls, tokens, cost,
 *   truncated) when a judge was asked; and `graderOutputs`, each stage's
 *   verdict and whole reason as text, which promptfoo's details view
 *   (Evaluation tab) shows under the assertion: the detail behind the line.
 * The reader takes the verdict from the deciding stage, not from the result's
 * `pass`: promptfoo reports an assertion with weight 0 as passing whatever it
 * returned (reproduce runs paper mode that way).
 */
import type { GradingOutcome, StageRecord } from './grade.ts';
import { GRADERS, isGraderName, type GraderName } from './graders.ts';
import type { JudgeCall, JudgeTokens } from './judge/judge.ts';
import type { Verdict } from './stage.ts';

export interface GradingResultShape {
  pass: boolean;
  score: number;
  reason: string;
  namedScores: Record<string, number>;
  tokensUsed?: { total: number; prompt: number; completion: number; cached: number };
  metadata: Record<string, unknown>;
}

/** What a result records of a judge call: `npm run agreement` sums tokens and cost from it. */
export interface JudgeRecord {
  id: string;
  correct: boolean;
  raw: string;
  cached: boolean;
  /** Model calls made for this verdict: 0 when cached, 2 after a malformed reply. */
  calls: number;
  tokens?: JudgeTokens;
  cost?: number;
  /** A loopback emulator answered: its calls cost nothing. */
  emulated?: true;
  truncated?: { shown: number; total: number };
}

function judgeRecord(judge: JudgeCall): JudgeRecord {
  return {
    id: judge.id,
    correct: judge.correct,
    raw: judge.raw,
    cached: judge.cached ?? false,
    calls: judge.calls ?? (judge.cached ? 0 : 1),
    ...(judge.tokens ? { tokens: judge.tokens } : {}),
    ...(judge.cost === undefined ? {} : { cost: judge.cost }),
    ...(judge.emulated ? { emulated: true as const } : {}),
    ...(judge.truncated ? { truncated: judge.truncated } : {}),
  };
}

/** The most characters of a deciding stage's reason in the one-line `reason` (the whole of it is in `graderOutputs`). */
export const REASON_CHARS = 70;

const clip = (text: string, max: number): string => {
  const line = text.split('\n')[0]!.trim();
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
};

/** The one line promptfoo's viewer prints in a failing cell. */
function oneLine(outcome: GradingOutcome): string {
  const decided = outcome.stages.find((s) => s.stage === outcome.decidedBy);
  const stale = outcome.stale ? ' (gives the previous answer)' : '';
  if (decided) return `${clip(decided.reason, REASON_CHARS)}${stale} [${outcome.grader}: decided by ${decided.stage}]`;
  const why = outcome.judgeConfigured ? 'no stage could decide it' : 'a judge would decide: set FTBENCH_JUDGE';
  return `undecided, so it fails${stale} (${why}) [${outcome.grader}]`;
}

export function toGradingResult(outcome: GradingOutcome): GradingResultShape {
  const suffix = isGraderName(outcome.grader) ? ((GRADERS[outcome.grader] as { scoreSuffix?: string }).scoreSuffix ?? '') : '';
  const score = outcome.pass ? 1 : 0;
  const namedScores: Record<string, number> = { [`${outcome.split}${suffix}`]: score };
  if (!outcome.judgeConfigured) {
    const undecided = outcome.decidedBy === null ? 1 : 0;
    namedScores[`undecided${suffix}`] = undecided;
    namedScores[`upper${suffix}`] = Math.max(score, undecided);
  }
  if (outcome.stale !== null) namedScores[`stale${suffix}`] = outcome.stale ? 1 : 0;
  const out: GradingResultShape = {
    pass: outcome.pass,
    score,
    reason: oneLine(outcome),
    namedScores,
    metadata: {
      grader: outcome.grader,
      decided_by: outcome.decidedBy,
      stages: outcome.stages,
      stale: outcome.stale,
      split: outcome.split,
      // promptfoo's details view prints each as a box under the assertion's reason (titled by its key when there are several).
      graderOutputs: Object.fromEntries([
        ['verdict', outcome.reason],
        ...outcome.stages.map((s) => [s.stage, `${s.verdict}${s.stage === outcome.decidedBy ? ' (decides)' : ''}: ${s.reason}`]),
      ]),
    },
  };
  if (outcome.judge) {
    out.metadata.judge = judgeRecord(outcome.judge);
    if (outcome.judge.tokens) out.tokensUsed = { ...outcome.judge.tokens, cached: outcome.judge.cached ? outcome.judge.tokens.total : 0 };
  }
  return out;
}

/** A grading result read back. */
export interface GradingRecord {
  grader: GraderName;
  pass: boolean;
  decidedBy: string | null;
  stages: StageRecord[];
  stale: boolean | null;
  split: string | null;
  judge: JudgeRecord | null;
}

const VERDICTS: ReadonlySet<string> = new Set<Verdict>(['correct', 'incorrect', 'undecided']);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function readStage(v: unknown): StageRecord | null {
  if (!isRecord(v) || typeof v.stage !== 'string' || typeof v.verdict !== 'string' || !VERDICTS.has(v.verdict)) return null;
  return { stage: v.stage, verdict: v.verdict as Verdict, reason: typeof v.reason === 'string' ? v.reason : '' };
}

function readJudge(v: unknown): JudgeRecord | null {
  if (!isRecord(v) || typeof v.id !== 'string' || typeof v.correct !== 'boolean') return null;
  const tokens = isRecord(v.tokens) ? v.tokens : undefined;
  const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : 0);
  return {
    id: v.id,
    correct: v.correct,
    raw: typeof v.raw === 'string' ? v.raw : '',
    cached: v.cached === true,
    calls: typeof v.calls === 'number' ? v.calls : v.cached === true ? 0 : 1,
    ...(tokens ? { tokens: { prompt: num(tokens.prompt), completion: num(tokens.completion), total: num(tokens.total) } } : {}),
    ...(typeof v.cost === 'number' ? { cost: v.cost } : {}),
    ...(v.emulated === true ? { emulated: true as const } : {}),
    ...(isRecord(v.truncated) ? { truncated: { shown: num(v.truncated.shown), total: num(v.truncated.total) } } : {}),
  };
}

/** One assertion's result read back, or null when it is not this project's grading (another assertion, or malformed). */
export function readGrading(component: { metadata?: Record<string, unknown> } | null | undefined): GradingRecord | null {
  const m = component?.metadata;
  if (!m || !isGraderName(m.grader) || !Array.isArray(m.stages)) return null;
  const stages = m.stages.map(readStage);
  if (stages.some((s) => s === null)) return null;
  const decidedBy = typeof m.decided_by === 'string' ? m.decided_by : null;
  // The verdict is read from the deciding stage, not the component's `pass`:
  // promptfoo marks an assertion with weight 0 as passing whatever it returned.
  const decided = (stages as StageRecord[]).find((s) => s.stage === decidedBy);
  return {
    grader: m.grader,
    pass: decided?.verdict === 'correct',
    decidedBy,
    stages: stages as StageRecord[],
    stale: typeof m.stale === 'boolean' ? m.stale : null,
    split: typeof m.split === 'string' ? m.split : null,
    judge: readJudge(m.judge),
  };
}

/** The part of a promptfoo result the reader needs. */
export interface GradedResultLike {
  gradingResult?: {
    pass?: boolean;
    metadata?: Record<string, unknown>;
    componentResults?: { pass?: boolean; metadata?: Record<string, unknown> }[];
  } | null;
}

/** Every grading of this project's assertions in one promptfoo result, in assertion order. */
export function gradingRecords(result: GradedResultLike): GradingRecord[] {
  const gr = result.gradingResult;
  if (!gr) return [];
  const components = gr.componentResults?.length ? gr.componentResults : [gr];
  return components.map(readGrading).filter((r): r is GradingRecord => r !== null);
}

/** The record of one grader in a result (the first, if a test has two), or null. */
export function recordOf(result: GradedResultLike, grader: GraderName): GradingRecord | null {
  return gradingRecords(result).find((r) => r.grader === grader) ?? null;
}

/** The verdict a stage gave, or null when it did not run. */
export function stageVerdict(record: GradingRecord, stage: string): Verdict | null {
  return record.stages.find((s) => s.stage === stage)?.verdict ?? null;
}

/**
 * The verdict of one stage on its own, as `npm run agreement` compares
 * stages: true when it said `correct`; false when it said `incorrect`, or
 * `undecided` as a free stage (it found no answer); null when it did not run,
 * or is a paid stage that could not (no judge configured).
 */
export function stageAlone(record: GradingRecord, stage: string): boolean | null {
  const verdict = stageVerdict(record, stage);
  if (verdict === null) return null;
  if (verdict !== 'undecided') return verdict === 'correct';
  const paid = GRADERS[record.grader].stages.some((s) => s.name === stage && 'paid' in s && s.paid);
  return paid ? null : false;
}

/**
 * Whether the record's grader, stopped after `stage`, passes: the first
 * stage up to it (in the grader's order) that decided, said `correct`. With
 * no such stage it fails. A stage the grader does not have: its final verdict.
 */
export function passAfter(record: GradingRecord, stage: string): boolean {
  return decisionAfter(record, stage) === 'correct';
}

/** The verdict of the record's grader stopped after `stage` (see passAfter): undecided when no stage up to it decided. */
export function decisionAfter(record: GradingRecord, stage: string): Verdict {
  const order: string[] = GRADERS[record.grader].stages.map((s) => s.name);
  const upTo = order.indexOf(stage);
  if (upTo === -1) return record.decidedBy === null ? 'undecided' : record.pass ? 'correct' : 'incorrect';
  const decided = record.stages.find((s) => s.verdict !== 'undecided' && order.indexOf(s.stage) !== -1 && order.indexOf(s.stage) <= upTo);
  return decided?.verdict ?? 'undecided';
}
