/**
 * promptfoo's library is loaded only when a judge is configured: grading
 * without one (the cascade's free stages, paper mode's exact match) runs in a
 * process where importing `promptfoo` fails.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../lib/foundation/project-root.ts';
import { tempDir } from './helpers/run.ts';

/** Grades one output with answer-match in a fresh node process whose module resolver refuses `promptfoo`. */
function gradeWithoutPromptfoo(config: Record<string, unknown>): { code: number | null; stdout: string; stderr: string } {
  const script = path.join(tempDir(), 'grade.mjs');
  const hook = "export async function resolve(s, c, next) { if (s === 'promptfoo') throw new Error('promptfoo was imported'); return next(s, c); }";
  writeFileSync(
    script,
    [
      "import { register } from 'node:module';",
      `register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}));`,
      `const { default: answerMatch } = await import(${JSON.stringify(path.join(PROJECT_ROOT, 'assertions', 'answer-match.ts'))});`,
      `const r = await answerMatch('He weighs 126 pounds.', { vars: { question: 'Q' }, test: { metadata: { split: 'memorization', answer: '126' } }, config: ${JSON.stringify(config)} });`,
      'console.log(JSON.stringify({ pass: r.pass, decided_by: r.metadata.decided_by }));',
    ].join('\n'),
  );
  const r = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, FTBENCH_JUDGE: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("promptfoo's library stays out of grading without a judge", () => {
  it('the cascade and paper mode grade without importing it', () => {
    for (const config of [{ judge: false }, { mode: 'paper' }]) {
      const r = gradeWithoutPromptfoo(config);
      expect(r.stderr).not.toMatch(/promptfoo was imported/);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ decided_by: config.mode ? 'paper-exact' : 'contains' });
    }
  });

  it('a configured judge imports it (so the check above can fail)', () => {
    const r = gradeWithoutPromptfoo({ judge: 'echo' });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/promptfoo was imported/);
  });
});
