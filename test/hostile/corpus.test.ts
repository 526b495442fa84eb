/**
 * The hostile-input corpus (issue 9): domain files (domain-cases.ts, data in
 * domains/) and command lines (command-cases.ts), each with its expected
 * clear error or its exact result, all run in this process. A case is
 * handled when it got exactly that, with no stack trace and nothing
 * half-written; the last test prints the counts.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDomains } from '../../lib/domain/load.ts';
import { domainQuestions } from '../../lib/domain/questions.ts';
import { DEFAULT_RECIPE } from '../../lib/training/recipe.ts';
import { buildTrainingFile } from '../../lib/training/training-file.ts';
import { buildJudgeMessages } from '../../lib/grading/judge/judge-prompt.ts';
import { JUDGE_CANDIDATE_MAX_CHARS, judgeInputOf } from '../../lib/grading/judge/judge.ts';
import { referenceFromTest } from '../../lib/suites/test-case.ts';
import { textOf } from '../../lib/suites/verbatim.ts';
import { writeDomainSuites, writeSuites } from '../../lib/suites/write-suites.ts';
import { tempDir } from '../helpers/run.ts';
import { DOMAIN_CASES, type DomainCase } from './domain-cases.ts';
import { Tally } from './tally.ts';

const DATA = path.join(import.meta.dirname, 'domains');
const tally = new Tally();

/** Every file under `dir` (relative paths), to tell what a case left behind. */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true }) as string[]).sort();
}

/** A UserError's message, checked to be one a person can read: no stack trace, no system error code alone. */
export function userErrorOf(err: unknown): string {
  expect((err as Error).name, (err as Error).stack).toBe('UserError');
  const message = (err as Error).message;
  expect(message).not.toMatch(/\n\s+at /);
  return message;
}

interface SuiteTest {
  vars: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

function prepare(c: DomainCase): { work: string; dir: string; out: string } {
  const work = tempDir('ftbench-hostile-');
  const dir = path.join(work, 'domains');
  mkdirSync(dir);
  writeFileSync(path.join(work, 'outside.txt'), 'CANARY-OUTSIDE-FILE');
  writeFileSync(path.join(work, 'evil.js'), `require('fs').writeFileSync(${JSON.stringify(path.join(work, 'PWNED-evil'))}, 'x'); module.exports = () => ({ output: 'evil' });`);
  if (c.setup) c.setup(dir, work);
  else if (!c.domainsDir) {
    const name = c.file ?? `${c.name}.yaml`;
    writeFileSync(path.join(dir, name), readFileSync(path.join(DATA, name), 'utf8').replaceAll('__WORK__', work));
  }
  return { work, dir: c.domainsDir ? c.domainsDir(dir, work) : dir, out: path.join(work, 'suites') };
}

describe('hostile domain files', () => {
  it.each(DOMAIN_CASES.map((c) => [c.name, c] as const))('%s', async (name, c) => {
    await tally.check(name, async () => {
      const { work, dir, out } = prepare(c);
      const fill = (s: string) => s.replaceAll('__WORK__', work);
      const warnings: string[] = [];
      let loaded: ReturnType<typeof loadDomains> | null = null;
      let error: unknown = null;
      try {
        loaded = loadDomains(dir, (w) => warnings.push(w));
      } catch (err) {
        error = err;
      }
      if (c.error) {
        expect(error, 'expected an error').not.toBeNull();
        expect(userErrorOf(error)).toMatch(c.error);
        // `npm run suites` on the same folder: the same error, and not one suite written.
        await expect(writeSuites({ domainsDir: dir, outDir: out })).rejects.toThrow(c.error);
        expect(filesUnder(out)).toEqual([]);
      } else {
        if (error) throw error;
        if (c.warning) expect(warnings.join('\n')).toMatch(c.warning);
        else expect(warnings).toEqual([]);
        const written = await writeDomainSuites(loaded!, out);
        expect(written).toHaveLength(loaded!.length);
        const { domain } = loaded![0]!;
        const suite = parse(readFileSync(written[0]!.file, 'utf8')) as { tests: SuiteTest[] };
        const testOf = (id: string) => {
          const t = suite.tests.find((x) => x.metadata.question_id === id);
          expect(t, `question ${id} in the suite`).toBeDefined();
          return t!;
        };
        const trained = buildTrainingFile(domain, DEFAULT_RECIPE);
        for (const [id, text] of Object.entries(c.asked ?? {})) {
          expect(textOf(testOf(id).vars.question), id).toBe(fill(text));
          expect(domainQuestions(domain).find((q) => q.id === id)?.asked).toBe(fill(text));
          if (id.endsWith('/memorization')) {
            const example = trained.examples.find((e) => `${e.source.fact}/memorization` === id);
            expect(example?.messages.find((m) => m.role === 'user')?.content, `${id} as trained`).toBe(fill(text));
          }
        }
        for (const [id, answer] of Object.entries(c.answers ?? {})) {
          expect(textOf(testOf(id).metadata.answer), id).toBe(fill(answer));
          const example = trained.examples.find((e) => `${e.source.fact}/memorization` === id);
          if (example) expect(example.messages.at(-1)?.content, `${id} answer as trained`).toBe(fill(answer));
        }
        for (const [id, accept] of Object.entries(c.accept ?? {})) expect((testOf(id).metadata.accept as unknown[]).map(textOf), id).toEqual(accept.map(fill));
        for (const [id, previous] of Object.entries(c.previous ?? {})) expect(textOf(testOf(id).metadata.previous), id).toBe(fill(previous));
        for (const [id, statement] of Object.entries(c.statement ?? {})) expect(textOf(testOf(id).metadata.statement), id).toBe(fill(statement));
        for (const [id, output] of Object.entries(c.judge ?? {})) {
          // The reference as the grading assertion reads it from the suite, and the judge's messages built from it.
          const t = testOf(id);
          const ref = referenceFromTest(t.vars, t.metadata);
          const q = domainQuestions(domain).find((x) => x.id === id)!;
          const { input, truncated } = judgeInputOf(ref, output);
          const data = buildJudgeMessages(input).at(-1)!.content;
          const lines = data.split(/\r\n|[\n\r\v\f\u001c-\u001e\u0085\u2028\u2029]/);
          expect(lines, 'BEGIN DATA, one line of JSON, END DATA').toHaveLength(3);
          const parsed = JSON.parse(lines[1]!) as { question: string; reference_answers: string[]; candidate: string };
          expect(parsed.question).toBe(q.question);
          expect(parsed.reference_answers[0]).toBe(fill(q.answer));
          if (output.length > JUDGE_CANDIDATE_MAX_CHARS) {
            expect(truncated).toEqual({ shown: JUDGE_CANDIDATE_MAX_CHARS, total: output.length });
            expect(parsed.candidate).toBe(`${output.slice(0, JUDGE_CANDIDATE_MAX_CHARS)} […cut: the first ${JUDGE_CANDIDATE_MAX_CHARS} of ${output.length} characters are shown]`);
          } else expect(parsed.candidate).toBe(output);
        }
      }
      // Nothing ran, nothing half-written.
      expect(readdirSync(work).filter((f) => f.startsWith('PWNED'))).toEqual([]);
      expect(filesUnder(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    });
  });
});

afterAll(() => {
  // The summary line (also printed by the last test); kept here so a partial run still says it.
  if (tally.mishandled.length) console.log(tally.line('hostile corpus'));
});

describe('hostile corpus summary', () => {
  it('handled every case it tried', () => {
    console.log(tally.line('hostile corpus'));
    expect(tally.mishandled).toEqual([]);
    expect(tally.tried).toBeGreaterThanOrEqual(DOMAIN_CASES.length);
    expect(tally.handled).toBe(tally.tried);
  });
});
