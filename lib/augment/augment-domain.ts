/**
 * `npm run augment`'s core: asks a model for N rewrites of each fact's
 * trained question and M restatements of its statement (paraphrase-prompt.ts),
 * keeps only what passes the checks, and builds the sidecar (sidecar.ts).
 *
 * Each proposed line is, in order: rejected as `key-shaped` when it looks
 * like it holds an API key (key-shaped-lines.ts: the reason is kept, never
 * the line, which reaches neither the cache nor the sidecar); dropped as a
 * `repeat` when it is (after
 * normalization) the fact's own question or statement, one of its `training:`
 * entries, or a line already kept; dropped as `other question` when it is
 * another fact's trained question (it would teach that question the wrong
 * answer); rejected by the leak check (leak-check.ts) as `exact` or
 * `near-duplicate` of an evaluation probe; kept otherwise. Only the first N
 * (or M) lines of a reply are read; a rejected line is not replaced, so what
 * was rejected is counted, never hidden.
 *
 * Answers come through `ask` and are kept in an AnswerCache as they arrive:
 * a stopped run resumes, a finished one asks nothing again.
 */
import type { LoadedDomain } from '../domain/load.ts';
import { normalizeAnswer } from '../grading/normalize.ts';
import { UserError } from '../foundation/errors.ts';
import { answerKey, type AnswerCache } from './answer-cache.ts';
import { keyShapedLine, withoutKeyShapedLines } from './key-shaped-lines.ts';
import { LeakCheck, type Leak } from '../training/leak-check.ts';
import { PARAPHRASE_PROMPT_VERSION, parseNumberedLines, questionRewritePrompt, statementRestatePrompt } from './paraphrase-prompt.ts';
import { GENERATED_BY, type FactAugmentation, type Sidecar } from '../training/sidecar.ts';

export interface AugmentProvider {
  /** A promptfoo provider id, e.g. openai:chat:gpt-4o-mini. */
  id: string;
  config?: Record<string, unknown>;
}

export interface AugmentRequest {
  loaded: LoadedDomain;
  /** Rewrites of each fact's trained question (N). */
  paraphrases: number;
  /** Restatements of each fact's statement (M). */
  statements: number;
  provider: AugmentProvider;
}

export type AugmentKind = 'paraphrases' | 'restatements';

/** One call to make (or to read from the cache). */
export interface AugmentTask {
  fact: string;
  kind: AugmentKind;
  /** How many lines are asked for. */
  count: number;
  prompt: string;
  key: string;
  cached: boolean;
}

export interface ModelReply {
  output: string;
  tokens: { prompt: number; completion: number } | null;
  emulated: boolean;
}

export type Ask = (prompt: string) => Promise<ModelReply>;

export interface Rejection {
  fact: string;
  kind: AugmentKind;
  /** The line as proposed; null for a key-shaped line, which is never kept, not even here. */
  text: string | null;
  reason: 'key-shaped' | 'repeat' | 'other question' | Leak['kind'];
  leak?: Leak;
  /** For `key-shaped`: which rule of lib/foundation/secret-shape.ts matched (never the text). */
  why?: string;
}

export interface AugmentOutcome {
  sidecar: Sidecar;
  tasks: number;
  /** Calls made now (the rest came from the cache). */
  asked: number;
  proposed: Record<AugmentKind, number>;
  kept: Record<AugmentKind, number>;
  rejections: Rejection[];
  /** Some answer came from an emulator. */
  emulated: boolean;
  /** Tokens of the calls made now, as the provider reported them. */
  tokens: { prompt: number; completion: number };
  /** Probes the leak check compared every line with. */
  probes: number;
}

/** The calls an augmentation needs, in domain order; `cached` where the cache has the answer. */
export function augmentTasks(request: AugmentRequest, cache: AnswerCache): AugmentTask[] {
  const { domain } = request.loaded;
  if (domain.kind === 'control') throw new UserError(`domain "${domain.id}" is a control domain: its facts are never trained, so there is nothing to augment`);
  const tasks: AugmentTask[] = [];
  const add = (fact: string, kind: AugmentKind, count: number, prompt: string) => {
    const key = answerKey(request.provider.id, request.provider.config, PARAPHRASE_PROMPT_VERSION, prompt);
    tasks.push({ fact, kind, count, prompt, key, cached: cache.get(key) !== undefined });
  };
  for (const fact of domain.facts) {
    // A fact without a trained question has nothing to rephrase; its statement can still be restated.
    if (request.paraphrases > 0 && fact.question !== undefined) add(fact.id, 'paraphrases', request.paraphrases, questionRewritePrompt(fact.question, fact.statement, request.paraphrases));
    if (request.statements > 0) add(fact.id, 'restatements', request.statements, statementRestatePrompt(fact.statement, request.statements));
  }
  return tasks;
}

/** Runs `items` through `work` with at most `limit` in flight; results in input order. */
async function pool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export interface AugmentOptions {
  /** Calls in flight at once (default 4). */
  concurrency?: number;
  /** Told after each task, from the cache or not. */
  onProgress?: (done: number, total: number, fromCache: boolean) => void;
  /** When the sidecar was made (its `generated.at`). */
  now?: () => Date;
}

export async function augmentDomain(request: AugmentRequest, tasks: readonly AugmentTask[], cache: AnswerCache, ask: Ask, options: AugmentOptions = {}): Promise<AugmentOutcome> {
  const { domain } = request.loaded;
  let done = 0;
  let asked = 0;
  const tokens = { prompt: 0, completion: 0 };
  const replies = await pool(tasks, options.concurrency ?? 4, async (task) => {
    const hit = cache.get(task.key);
    let reply: ModelReply;
    if (hit) reply = hit;
    else {
      try {
        const answer = await ask(task.prompt);
        // Read as cached: a key-shaped line is gone before anything keeps the reply.
        reply = { ...answer, output: withoutKeyShapedLines(answer.output) };
      } catch (err) {
        throw new UserError(
          `${request.provider.id} failed on fact "${task.fact}" (${task.kind}): ${(err as Error).message}\n` +
            `${done} of ${tasks.length} answers are kept in ${cache.file}; run the same command again to go on from there`,
        );
      }
      asked++;
      if (reply.tokens) {
        tokens.prompt += reply.tokens.prompt;
        tokens.completion += reply.tokens.completion;
      }
      cache.set(task.key, { ...reply, at: (options.now?.() ?? new Date()).toISOString() });
    }
    options.onProgress?.(++done, tasks.length, Boolean(hit));
    return reply;
  });

  const leaks = new LeakCheck(domain);
  const otherQuestions = new Map(domain.facts.filter((f) => f.question !== undefined).map((f) => [normalizeAnswer(f.question!), f.id]));
  const facts: Record<string, FactAugmentation> = {};
  const rejections: Rejection[] = [];
  const proposed = { paraphrases: 0, restatements: 0 };
  const kept = { paraphrases: 0, restatements: 0 };
  const factOf = new Map(domain.facts.map((f) => [f.id, f]));
  tasks.forEach((task, i) => {
    const fact = factOf.get(task.fact)!;
    const own = task.kind === 'paraphrases' ? [fact.question ?? '', ...fact.training] : [fact.statement];
    const seen = new Set(own.map(normalizeAnswer));
    const lines = parseNumberedLines(replies[i]!.output).slice(0, task.count);
    const entry = (facts[fact.id] ??= { paraphrases: [], restatements: [] });
    for (const text of lines) {
      proposed[task.kind]++;
      const key = keyShapedLine(text);
      if (key !== null) {
        rejections.push({ fact: fact.id, kind: task.kind, text: null, reason: 'key-shaped', why: key });
        continue;
      }
      const normalized = normalizeAnswer(text);
      const reject = (reason: Rejection['reason'], leak?: Leak) => rejections.push({ fact: fact.id, kind: task.kind, text, reason, ...(leak && { leak }) });
      if (normalized === '' || seen.has(normalized)) {
        reject('repeat');
        continue;
      }
      const owner = task.kind === 'paraphrases' ? otherQuestions.get(normalized) : undefined;
      if (owner !== undefined && owner !== fact.id) {
        reject('other question');
        continue;
      }
      const leak = leaks.check(text);
      if (leak) {
        reject(leak.kind, leak);
        continue;
      }
      seen.add(normalized);
      entry[task.kind].push(text);
      kept[task.kind]++;
    }
  });

  const emulated = replies.some((r) => r.emulated);
  const sidecar: Sidecar = {
    domain: domain.id,
    generated: {
      by: GENERATED_BY,
      with: request.provider.id,
      prompt: PARAPHRASE_PROMPT_VERSION,
      at: (options.now?.() ?? new Date()).toISOString(),
      ...(emulated && { note: 'emulation: written by the loopback emulator\'s paraphrase rule, not by a real model' }),
    },
    // Domain order; facts that kept nothing are left out.
    facts: Object.fromEntries(
      domain.facts
        .map((f) => [f.id, facts[f.id]] as const)
        .filter((e): e is readonly [string, FactAugmentation] => e[1] !== undefined && e[1].paraphrases.length + e[1].restatements.length > 0)
        .map(([id, a]) => [id, { ...(a.paraphrases.length && { paraphrases: a.paraphrases }), ...(a.restatements.length && { restatements: a.restatements }) } as FactAugmentation]),
    ),
  };
  return { sidecar, tasks: tasks.length, asked, proposed, kept, rejections, emulated, tokens, probes: leaks.probeCount };
}
