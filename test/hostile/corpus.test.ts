/**
 * The hostile-input corpus (issue 9): domain files (domain-cases.ts, data in
 * domains/) and command lines (command-cases.ts), each with its expected
 * clear error or its exact result, all run in this process (commands through
 * their `main(argv, io)`). A case is handled when it got exactly that, with
 * no stack trace and nothing half-written; the last test prints the counts.
 *
 * A full disk is simulated by injecting the error node:fs raises then: this
 * file mocks node:fs so that creating or writing a file under a folder listed
 * in `disk.full` (after its allowance of `after` writes) throws ENOSPC, as
 * writeFileSync and openSync do on a full device; everything else is the real
 * node:fs. (A real full file system would need a mount, which CI has not.)
 */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it, vi } from 'vitest';
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
import { runMain } from '../helpers/command.ts';
import { COMMAND_CASES as ISSUE_9_CASES, MAINS, type CommandCase, type CommandName, type Workspace } from './command-cases.ts';
import { MISTAKE_CASES } from './mistake-cases.ts';
import { DOMAIN_CASES as CORE_DOMAIN_CASES, type DomainCase } from './domain-cases.ts';
import { ISSUE_16_CHECKS, ISSUE_16_COMMAND_CASES } from './issue-16-cases.ts';
import { MEASURABLE_COMMAND_CASES, MEASURABLE_DOMAIN_CASES } from './measurable-cases.ts';
import { EMULATOR_STATE_CASES } from './emulator-state-cases.ts';
import { Tally } from './tally.ts';

const DOMAIN_CASES = [...CORE_DOMAIN_CASES, ...MEASURABLE_DOMAIN_CASES];
const DATA = path.join(import.meta.dirname, 'domains');
const COMMAND_CASES = [...ISSUE_9_CASES, ...MISTAKE_CASES, ...MEASURABLE_COMMAND_CASES];
const tally = new Tally();
/** Every case's folder, removed at the end (a case's folder is kept when it failed, to look at). */
const folders = new Map<string, string>();

const disk = vi.hoisted(() => ({ full: [] as { dir: string; after: number }[] }));
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const isFull = (file: unknown): boolean => {
    if (typeof file !== 'string') return false;
    const d = disk.full.find((f) => file.startsWith(f.dir + path.sep));
    if (!d) return false;
    if (d.after > 0) {
      d.after--;
      return false;
    }
    return true;
  };
  const enospc = (syscall: string, file: string) => Object.assign(new Error(`ENOSPC: no space left on device, ${syscall} '${file}'`), { code: 'ENOSPC', errno: -28, syscall, path: file });
  const writeFileSync: typeof real.writeFileSync = (file, ...rest) => {
    if (isFull(file)) throw enospc('write', file as string);
    return real.writeFileSync(file, ...rest);
  };
  const openSync = ((file: Parameters<typeof real.openSync>[0], flags?: Parameters<typeof real.openSync>[1], mode?: Parameters<typeof real.openSync>[2]) => {
    if (typeof flags === 'string' && /[wa]/.test(flags) && isFull(file)) throw enospc('open', file as string);
    return real.openSync(file, flags as Parameters<typeof real.openSync>[1] & {}, mode);
  }) as typeof real.openSync;
  const mocked = { ...real, writeFileSync, openSync };
  return { ...mocked, default: mocked };
});

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
  folders.set(c.name, work);
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

/** A small valid domain; ten facts, the fewest an OpenAI training file takes. */
const DOMAIN = (id: string) =>
  `id: ${id}\ntitle: T\nkind: new\nprompt: "Q: {{question}}"\nfacts:\n${Array.from({ length: 10 }, (_, i) => `  - id: f${i}\n    statement: S${i}.\n    question: What is ${id} ${i}?\n    answer: "${i}"\n`).join('')}`;

function workspace(): Workspace {
  const root = tempDir('ftbench-hostile-cli-');
  const w: Workspace = {
    root,
    domains: path.join(root, 'domains'),
    runs: path.join(root, 'runs'),
    suites: path.join(root, 'suites'),
    out: path.join(root, 'out'),
    file: path.join(root, 'afile'),
    missing: path.join(root, 'missing'),
    promptfoo: path.join(root, 'promptfoo'),
    results: path.join(root, 'results.json'),
  };
  for (const d of [w.domains, w.runs, w.suites, w.out, w.promptfoo]) mkdirSync(d);
  writeFileSync(path.join(w.domains, 'one.yaml'), DOMAIN('one'));
  writeFileSync(path.join(w.domains, 'two.yaml'), DOMAIN('two'));
  writeFileSync(w.file, 'a file, not a folder\n');
  writeFileSync(w.results, JSON.stringify({ evalId: 'eval-x', results: { results: [], stats: { durationMs: 1 } } }));
  return w;
}

/** What a folder holds: every entry, a file's content by its hash (a rewrite with other bytes shows). */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of filesUnder(dir)) {
    const full = path.join(dir, rel);
    const st = lstatSync(full);
    out[rel] = st.isFile() ? createHash('sha256').update(readFileSync(full)).digest('hex') : st.isDirectory() ? 'folder' : 'other';
  }
  return out;
}

function envOf(w: Workspace, c: CommandCase): NodeJS.ProcessEnv {
  // The base-URL variables are cleared (empty is the default), so a developer's own cannot change a case.
  return { FTBENCH_RUNS_DIR: w.runs, FTBENCH_REPORTS_DIR: path.join(w.root, 'reports'), PROMPTFOO_CONFIG_DIR: w.promptfoo, OPENAI_BASE_URL: '', TOGETHER_BASE_URL: '', GOOGLE_VERTEX_BASE_URL: '', STORAGE_EMULATOR_HOST: '', ...c.env?.(w) };
}

async function runCommand(name: CommandName, argv: string[], env: NodeJS.ProcessEnv, cwd: string, npmArgv?: string[]) {
  const { main } = await MAINS[name]();
  return runMain(main, argv, { env, cwd, npmArgv });
}

describe('hostile command lines', () => {
  it.each([...COMMAND_CASES, ...ISSUE_16_COMMAND_CASES, ...EMULATOR_STATE_CASES].map((c) => [c.name, c] as const))('%s', async (name, c) => {
    await tally.check(name, async () => {
      const w = workspace();
      folders.set(name, w.root);
      const env = envOf(w, c);
      if (c.setup) await c.setup(w, async (command, argv) => {
        const r = await runCommand(command, argv, env, w.root);
        expect(r.code, r.stderr).toBe(0);
        return { code: r.code!, stdout: r.stdout };
      });
      const before = snapshot(w.root);
      let message: string;
      let output = '';
      if (c.full) disk.full.push({ dir: w[c.full.dir], after: c.full.after ?? 0 });
      try {
        if (c.run) {
          let error: unknown = null;
          try {
            await c.run(w);
          } catch (err) {
            error = err;
          }
          expect(error, 'expected an error').not.toBeNull();
          message = userErrorOf(error);
        } else if (c.result) {
          const r = await runCommand(c.command!, c.argv!(w), env, w.root);
          output = r.stdout + r.stderr;
          expect(r.code, output).toBe(c.result.code);
          expect(output).not.toMatch(/\n\s+at /);
          for (const line of c.result.output) expect(output).toMatch(line);
          c.result.check?.(w);
          message = '';
        } else {
          const r = await runCommand(c.command!, c.argv!(w), env, w.root, c.npmArgv?.(w));
          output = r.stdout + r.stderr;
          expect(r.code, output).toBe(1);
          expect(r.stderr).toMatch(/^error: /);
          expect(r.stderr).not.toMatch(/\n\s+at /);
          message = r.stderr.slice('error: '.length).trimEnd();
        }
      } finally {
        disk.full.length = 0;
      }
      if (c.error) {
        expect(message.split('\n')[0]).toMatch(c.error);
        // Nothing written, nothing half-written: the workspace is as it was.
        expect(snapshot(w.root)).toEqual(before);
      }
      if (c.secret) {
        expect(output + message).not.toContain(c.secret);
        for (const rel of filesUnder(w.root)) {
          const full = path.join(w.root, rel);
          if (lstatSync(full).isFile()) expect(readFileSync(full, 'latin1'), rel).not.toContain(c.secret);
        }
      }
    });
  });
});

describe('hostile cases with checks of their own', () => {
  it.each(ISSUE_16_CHECKS.map((c) => [c.name, c] as const))('%s', (name, c) => tally.check(name, c.check));
});

afterAll(() => {
  for (const [name, dir] of folders) if (!tally.mishandled.includes(name)) rmSync(dir, { recursive: true, force: true });
  // The summary line (also printed by the last test); kept here so a partial run still says it.
  if (tally.mishandled.length) console.log(tally.line('hostile corpus'));
});

describe('hostile corpus summary', () => {
  it('handled every case it tried', () => {
    console.log(tally.line('hostile corpus'));
    expect(tally.mishandled).toEqual([]);
    expect(tally.tried).toBe(DOMAIN_CASES.length + COMMAND_CASES.length + ISSUE_16_COMMAND_CASES.length + EMULATOR_STATE_CASES.length + ISSUE_16_CHECKS.length);
    expect(tally.tried).toBeGreaterThanOrEqual(70);
    expect(tally.handled).toBe(tally.tried);
  });
});
