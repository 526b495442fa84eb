/**
 * Where judge verdicts are kept between runs, and the key they are kept
 * under. Regrading the same outputs with the same judge and prompt finds
 * every verdict and makes no call.
 */
import { createHash } from 'node:crypto';
import type { JudgeInput, JudgeTokens } from './judge.ts';

export interface StoredVerdict {
  correct: boolean;
  raw: string;
  tokens: JudgeTokens;
}

export interface VerdictStore {
  get(key: string): Promise<StoredVerdict | undefined>;
  set(key: string, verdict: StoredVerdict): Promise<void>;
}

/**
 * The cache key of a verdict: a SHA-256 over the judge (its id and anything
 * else that changes its answers), the prompt version, and every field of the
 * judge input. Any change to any of them is a different key.
 */
export function verdictCacheKey(judge: string, promptVersion: string, input: JudgeInput): string {
  const canonical = JSON.stringify([
    judge,
    promptVersion,
    input.question,
    input.references,
    input.statement,
    input.candidate,
    input.expect ?? 'answer',
  ]);
  return `ftbench:judge:${createHash('sha256').update(canonical).digest('hex')}`;
}

/** A store in memory, for one process (tests, or when promptfoo's cache is off). */
export function memoryVerdictStore(): VerdictStore & { size(): number } {
  const map = new Map<string, StoredVerdict>();
  return {
    async get(key) {
      return map.get(key);
    },
    async set(key, verdict) {
      map.set(key, verdict);
    },
    size: () => map.size,
  };
}
