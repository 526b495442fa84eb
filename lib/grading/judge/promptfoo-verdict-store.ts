/**
 * Judge verdicts kept in promptfoo's cache (`import { cache } from 'promptfoo'`):
 * PROMPTFOO_CACHE_ENABLED=false turns them off, they expire with promptfoo's
 * TTL (PROMPTFOO_CACHE_TTL, 14 days), and PROMPTFOO_CACHE_TYPE=memory keeps
 * them for one process only (promptfoo's default when NODE_ENV=test).
 *
 * In its own file, `<promptfoo cache dir>/judge/cache.json`: an assertion run
 * by `promptfoo eval` imports promptfoo's library build, whose cache module is
 * a second instance beside the CLI's. Both keep the whole file in memory and
 * rewrite it whole, so sharing `cache/cache.json` makes each drop the other's
 * entries (measured: a regrade found 20 of 20 assertion entries but only 4 of
 * 20 of the CLI's cached model answers, and called the model 16 more times).
 * The store picks its file by setting PROMPTFOO_CACHE_PATH around the first
 * getCache() of this module graph, which is when promptfoo reads it; so
 * `promptfoo cache clear`, which clears the CLI's file, leaves verdicts be.
 */
import os from 'node:os';
import path from 'node:path';
import { cache } from 'promptfoo';
import type { StoredVerdict, VerdictStore } from './verdict-store.ts';

type PromptfooCache = ReturnType<typeof cache.getCache>;

/** promptfoo's cache folder as promptfoo computes it: PROMPTFOO_CACHE_PATH, else <config dir>/cache. */
export function promptfooCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PROMPTFOO_CACHE_PATH) return env.PROMPTFOO_CACHE_PATH;
  return path.join(env.PROMPTFOO_CONFIG_DIR || path.join(os.homedir(), '.promptfoo'), 'cache');
}

export function judgeCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(promptfooCacheDir(env), 'judge');
}

let instance: PromptfooCache | undefined;

function judgeCache(): PromptfooCache {
  if (instance) return instance;
  const saved = process.env.PROMPTFOO_CACHE_PATH;
  process.env.PROMPTFOO_CACHE_PATH = judgeCacheDir();
  try {
    instance = cache.getCache();
  } finally {
    if (saved === undefined) delete process.env.PROMPTFOO_CACHE_PATH;
    else process.env.PROMPTFOO_CACHE_PATH = saved;
  }
  return instance;
}

function isStoredVerdict(v: unknown): v is StoredVerdict {
  const s = v as StoredVerdict | null;
  return typeof s === 'object' && s !== null && typeof s.correct === 'boolean' && typeof s.raw === 'string' && typeof s.tokens === 'object';
}

/** The verdict store on promptfoo's cache, or undefined when promptfoo's cache is disabled. */
export function promptfooVerdictStore(): VerdictStore | undefined {
  if (!cache.isCacheEnabled()) return undefined;
  return {
    async get(key) {
      const value: unknown = await judgeCache().get(key);
      return isStoredVerdict(value) ? value : undefined;
    },
    async set(key, verdict) {
      await judgeCache().set(key, verdict);
    },
  };
}

/** Runs a judge call with promptfoo's response cache off: a malformed reply must not be served again on retry. */
export function withoutResponseCache<T>(call: () => Promise<T>): Promise<T> {
  return cache.withCacheEnabled(false, call);
}
