/**
 * `npm run import:finetunebench` on the upstream data (../shared/finetunebench),
 * through the command line, into temporary folders.
 */
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDomains, type LoadedDomain } from '../lib/domain/load.ts';
import { domainQuestions, renderPrompt } from '../lib/domain/questions.ts';
import type { Domain } from '../lib/domain/schema.ts';
import { main as importFinetunebench } from '../scripts/commands/import-finetunebench.ts';
import { runMain } from './helpers/command.ts';
import { tempDir, type RunResult } from './helpers/run.ts';
import { HAS_UPSTREAM, UPSTREAM_DIR, UPSTREAM_SKIP_NOTE, upstreamCsv } from './helpers/upstream.ts';

async function importInto(args: string[], env: NodeJS.ProcessEnv = {}) {
  const out = tempDir('ftbench-import-');
  const run = await runMain(importFinetunebench, ['--out', out, ...args], { env });
  return { out, run, domains: run.code === 0 ? loadDomains(out) : [] };
}

function byId(domains: LoadedDomain[], id: string): Domain {
  const found = domains.find((d) => d.domain.id === id);
  if (!found) throw new Error(`no domain ${id} among ${domains.map((d) => d.domain.id).join(', ')}`);
  return found.domain;
}

function splitCounts(domain: Domain): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const q of domainQuestions(domain)) counts[q.split] = (counts[q.split] ?? 0) + 1;
  return counts;
}

describe.skipIf(!HAS_UPSTREAM)(`npm run import:finetunebench${UPSTREAM_SKIP_NOTE}`, () => {
  let imported: Awaited<ReturnType<typeof importInto>>;
  beforeAll(async () => {
    imported = await importInto(['--from', UPSTREAM_DIR]);
  });

  it('writes four finetunebench-* domains that load, each starting with the editor-schema line', async () => {
    expect(imported.run.code, imported.run.stderr).toBe(0);
    expect(imported.domains.map((d) => d.domain.id).sort()).toEqual([
      'finetunebench-code-updates',
      'finetunebench-fictional-people',
      'finetunebench-latest-news',
      'finetunebench-medical-guidelines',
    ]);
    for (const { file, text } of imported.domains) {
      const first = text.split('\n')[0]!;
      expect(first).toMatch(/^# yaml-language-server: \$schema=\S+domain\.schema\.json$/);
      const schema = path.resolve(path.dirname(file), first.split('$schema=')[1]!);
      expect(existsSync(schema), schema).toBe(true);
    }
  });

  it('latest-news: the 50 analysed facts in 3 splits, statements without the article text', async () => {
    const news = byId(imported.domains, 'finetunebench-latest-news');
    expect(news.kind).toBe('new');
    expect(news.facts).toHaveLength(50);
    expect(splitCounts(news)).toEqual({ memorization: 50, rephrased: 50, abstain: 50 });
    const analysed = upstreamCsv('datasets/latest_news/latest_news_memorization.csv').filter((r) => r.used_in_analysis === 'True');
    expect(news.facts.map((f) => f.question)).toEqual(analysed.map((r) => r.question));
    expect(news.facts.map((f) => f.statement)).toEqual(analysed.map((r) => r.fact));
    const text = imported.domains.find((d) => d.domain.id === news.id)!.text;
    for (const r of analysed.slice(0, 5)) expect(text).not.toContain(r.article_text!.slice(200, 400));
  });

  it('asks every question with the upstream prompt, byte for byte', async () => {
    const upstreamPrompts = new Set(
      [
        'latest_news/latest_news_memorization',
        'latest_news/latest_news_rephrased',
        'latest_news/latest_news_date_changed',
        'fictional_people/fictional_people_memorization',
        'fictional_people/fictional_people_rephrased',
        'fictional_people/fictional_people_secondary',
        'fictional_people/fictional_people_comparison',
      ].flatMap((f) => upstreamCsv(`datasets/${f}.csv`).map((r) => r.prompt!)),
    );
    for (const id of ['finetunebench-latest-news', 'finetunebench-fictional-people']) {
      const questions = domainQuestions(byId(imported.domains, id));
      const missing = questions.filter((q) => !upstreamPrompts.has(renderPrompt(q.prompt.template, q.question)));
      expect(missing.map((q) => q.id)).toEqual([]);
    }
  });

  it('fictional-people: 150 facts in 4 splits; comparison labels follow the attribute asked, changes noted, self-comparisons dropped', async () => {
    const people = byId(imported.domains, 'finetunebench-fictional-people');
    expect(people.facts).toHaveLength(150);
    expect(Object.keys(splitCounts(people)).sort()).toEqual(['comparison', 'derived', 'memorization', 'rephrased']);
    const answerOf = new Map(people.facts.map((f) => [f.id, f.answer]));
    // Fact ids are <person id (3 parts)>-<attribute>; upstream comparison ids <person A>-<person B>-<attribute, spaced>.
    const person = (factId: string) => factId.split('-').slice(0, 3).join('-');
    const attribute = (factId: string) => factId.split('-').slice(3).join(' ');
    const upstream = new Map(upstreamCsv('datasets/fictional_people/fictional_people_comparison.csv').map((r) => [r.id!, r]));
    let relabelled = 0;
    for (const p of people.probes) {
      const [fa, fb] = p.facts as [string, string];
      expect(person(fa)).not.toBe(person(fb));
      const [a, b] = [answerOf.get(fa)!, answerOf.get(fb)!];
      const expected = /alphabetically/.test(p.question) ? a.toLowerCase() < b.toLowerCase() : /heavier|taller|older/.test(p.question) && Number(a) > Number(b);
      expect(p.answer, `${p.question} (${a} vs ${b})`).toBe(expected ? 'Yes' : 'No');
      const row = upstream.get(`${person(fa)}-${person(fb)}-${attribute(fa)}`);
      expect(row?.question, p.question).toBe(p.question);
      if (row!.answer !== p.answer) {
        relabelled++;
        expect(p.note).toMatch(new RegExp(`relabelled: upstream said ${row!.answer}`));
      } else expect(p.note ?? '').not.toMatch(/relabelled/);
    }
    expect(relabelled).toBeGreaterThan(0);
    const selfRows = [...upstream.keys()].filter((id) => {
      const parts = id.split('-');
      return parts.slice(0, 3).join('-') === parts.slice(3, 6).join('-');
    });
    expect(people.probes).toHaveLength(upstream.size - selfRows.length);
    expect(imported.run.stdout).toMatch(new RegExp(`${relabelled} changed`));
    expect(imported.run.stdout).toMatch(new RegExp(`${selfRows.length} rows comparing a person with themselves were dropped`));
  });

  it('medical-guidelines: 125 update facts with memorization and applied, previous from answer_before', async () => {
    const medical = byId(imported.domains, 'finetunebench-medical-guidelines');
    expect(medical.kind).toBe('update');
    expect(medical.facts).toHaveLength(125);
    expect(splitCounts(medical)).toEqual({ memorization: 125, applied: 125 });
    const memo = upstreamCsv('datasets/medical/medical_memorization.csv');
    const gen = upstreamCsv('datasets/medical/medical_generalization.csv');
    const questions = domainQuestions(medical);
    const applied = questions.filter((q) => q.split === 'applied');
    expect(questions.filter((q) => q.split === 'memorization').map((q) => q.previous)).toEqual(memo.map((r) => r.answer_before));
    expect(applied.map((q) => [q.question, q.answer, q.previous])).toEqual(gen.map((r) => [r.prompt, r.answer, r.answer_before]));
  });

  it('code-updates: 218 applied probes, and the missing memorization file is said in the output and the description', async () => {
    const code = byId(imported.domains, 'finetunebench-code-updates');
    const questions = domainQuestions(code);
    const applied = questions.filter((q) => q.split === 'applied');
    expect(applied).toHaveLength(218);
    expect(applied.map((q) => q.previous)).toEqual(upstreamCsv('datasets/coding/coding_generalization.csv').map((r) => r.answer_before));
    // Built memorization questions never repeat an applied question.
    const appliedText = new Set(applied.map((q) => q.question));
    for (const q of questions.filter((x) => x.split === 'memorization')) expect(appliedText.has(q.question)).toBe(false);
    expect(imported.run.stdout).toMatch(/coding_memorization\.csv is missing from the published FineTuneBench repository/);
    expect(code.description).toMatch(/coding_memorization\.csv is missing/);
    expect(code.description).toMatch(/Memorization questions are this project's, not the study's/);
  });

  it('--all takes all 590 latest-news rows (3 splits) and names the date-changed questions that were not changed', async () => {
    const all = await importInto(['--from', UPSTREAM_DIR, '--all']);
    expect(all.run.code, all.run.stderr).toBe(0);
    const news = byId(all.domains, 'finetunebench-latest-news');
    expect(news.facts).toHaveLength(590);
    const counts = splitCounts(news);
    expect(Object.keys(counts).sort()).toEqual(['abstain', 'memorization', 'rephrased']);
    const memo = upstreamCsv('datasets/latest_news/latest_news_memorization.csv');
    const changed = upstreamCsv('datasets/latest_news/latest_news_date_changed.csv');
    const unchanged = changed.filter((r, i) => r.date_changed_question!.trim() === memo[i]!.question!.trim());
    expect(counts.abstain).toBe(590 - unchanged.length);
    for (const r of unchanged) expect(all.run.stdout).toContain(r.id);
  });

  it('--upstream-comparison-labels keeps every upstream label and marks the self-comparisons (checkout from FINETUNEBENCH_DIR)', async () => {
    const kept = await importInto(['--upstream-comparison-labels'], { FINETUNEBENCH_DIR: UPSTREAM_DIR });
    expect(kept.run.code, kept.run.stderr).toBe(0);
    expect(kept.run.stdout).toContain(`imported FineTuneBench from ${UPSTREAM_DIR} (FINETUNEBENCH_DIR)`);
    const people = byId(kept.domains, 'finetunebench-fictional-people');
    const upstream = upstreamCsv('datasets/fictional_people/fictional_people_comparison.csv');
    expect(people.probes.map((p) => [p.question, p.answer])).toEqual(upstream.map((r) => [r.question, r.answer]));
    expect(people.probes.filter((p) => /themselves/.test(p.note ?? '')).length).toBeGreaterThan(0);
    expect(people.probes.filter((p) => /upstream label \w+ kept/.test(p.note ?? '')).length).toBeGreaterThan(0);
  });
});

describe('npm run import:finetunebench explains bad input and writes nothing', () => {
  const expectCleanFailure = (r: RunResult, out: string, message: RegExp) => {
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/^\s+at /m); // no stack trace
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  };

  it('a missing folder', async () => {
    const out = path.join(tempDir(), 'out');
    const r = await runMain(importFinetunebench, ['--from', '/nonexistent/finetunebench', '--out', out]);
    expectCleanFailure(r, out, /no FineTuneBench checkout at --from \/nonexistent\/finetunebench: the folder does not exist/);
  });

  it('a folder that is not a checkout', async () => {
    const out = path.join(tempDir(), 'out');
    const r = await runMain(importFinetunebench, ['--from', tempDir(), '--out', out]);
    expectCleanFailure(r, out, /is not a FineTuneBench checkout: it has no datasets\/ folder/);
  });

  describe.skipIf(!HAS_UPSTREAM)(`in a copy of the upstream data${UPSTREAM_SKIP_NOTE}`, () => {
    const copy = (mutate: (dir: string) => void) => {
      const dir = path.join(tempDir('ftbench-upstream-copy-'), 'finetunebench');
      cpSync(path.join(UPSTREAM_DIR, 'datasets'), path.join(dir, 'datasets'), { recursive: true });
      mutate(dir);
      return dir;
    };

    it('a missing file', async () => {
      const dir = copy((d) => rmSync(path.join(d, 'datasets/medical/medical_generalization.csv')));
      const out = path.join(tempDir(), 'out');
      const r = await runMain(importFinetunebench, ['--from', dir, '--out', out]);
      expectCleanFailure(r, out, /datasets\/medical\/medical_generalization\.csv: file not found; the importer expects it .*\(columns id, prompt, answer_before, answer\)/);
    });

    it('a renamed column', async () => {
      const file = 'datasets/fictional_people/fictional_people_rephrased.csv';
      const dir = copy((d) => {
        const text = readFileSync(path.join(d, file), 'utf8');
        writeFileSync(path.join(d, file), text.replace('rephrased_question', 'reworded_question'));
      });
      const out = path.join(tempDir(), 'out');
      const r = await runMain(importFinetunebench, ['--from', dir, '--out', out]);
      expectCleanFailure(r, out, new RegExp(`${file}: unexpected columns\\.\\n\\s+expected: id, prompt, answer, fact, original_question, rephrased_question\\n\\s+found: +id, prompt, answer, fact, original_question, reworded_question\\n\\s+missing: +rephrased_question`));
    });
  });
});
