/**
 * The answers `npm run augment` got, kept on disk as they arrive, so a run
 * that stops (Ctrl-C, a rate limit, a crash) resumes where it was: the next
 * run asks only what is missing, and a finished run asks nothing again. One
 * JSON file, `<promptfoo cache dir>/augment/answers.json` (under
 * PROMPTFOO_CONFIG_DIR or ~/.promptfoo), rewritten atomically after each
 * answer; an answer is keyed by the provider, its config, the prompt version
 * and the prompt's text.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../foundation/atomic-write.ts';
import { canonicalJson, sha256 } from '../foundation/content-hash.ts';
import { promptfooCacheDir } from '../grading/judge/promptfoo-verdict-store.ts';

export interface CachedAnswer {
  output: string;
  /** Tokens the call used, when the provider said. */
  tokens: { prompt: number; completion: number } | null;
  /** An emulator answered (lib/models/emulation.ts). */
  emulated: boolean;
  at: string;
}

export function augmentCacheFile(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(promptfooCacheDir(env), 'augment', 'answers.json');
}

export function answerKey(provider: string, config: unknown, promptVersion: string, prompt: string): string {
  return sha256(canonicalJson([provider, config ?? null, promptVersion, prompt]));
}

export class AnswerCache {
  private readonly answers: Record<string, CachedAnswer>;

  constructor(readonly file: string) {
    this.answers = {};
    if (!existsSync(file)) return;
    try {
      const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (data && typeof data === 'object' && !Array.isArray(data)) this.answers = data as Record<string, CachedAnswer>;
    } catch {
      // A damaged cache costs calls, not correctness: start afresh (the file is rewritten whole).
    }
  }

  get(key: string): CachedAnswer | undefined {
    const a = this.answers[key];
    return a && typeof a.output === 'string' ? a : undefined;
  }

  set(key: string, answer: CachedAnswer): void {
    this.answers[key] = answer;
    writeFileAtomic(this.file, `${JSON.stringify(this.answers)}\n`);
  }
}
