/**
 * Domain text is data: a suite built from a domain full of nunjucks, file://
 * and env payloads, run by a plain `promptfoo eval` (no project environment),
 * asks the model exactly the trained text, writes no file, reads no file and
 * leaks no environment variable into results or promptfoo's database.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDomainFile } from '../lib/domain/load.ts';
import { domainQuestions } from '../lib/domain/questions.ts';
import { buildTrainingFile } from '../lib/training/training-file.ts';
import { DEFAULT_RECIPE } from '../lib/training/recipe.ts';
import { writeSuites } from '../lib/suites/write-suites.ts';
import { carry, isInert, textOf } from '../lib/suites/verbatim.ts';
import { withProviders } from '../lib/suites/suite-scope.ts';
import { runPromptfoo, tempDir } from './helpers/run.ts';

describe('carry: how a text travels in a suite', () => {
  const samples = [
    'plain',
    '{{ 7*7 }}',
    '{{{{',
    'a{%b%}c{#d#}e{{f}}',
    '{% endraw %}{% raw %}',
    '{',
    'x{',
    'file:///etc/passwd',
    'package:fs:writeFileSync',
    'line\n',
    '{{ env.OPENAI_API_KEY | default(range.constructor("return 1")()) }}',
    '{ {% {# }} %} #}',
  ];
  it.each(samples)('%j comes back exactly, in pieces promptfoo leaves alone', (text) => {
    const carried = carry(text);
    expect(textOf(carried)).toBe(text);
    const strings = typeof carried === 'string' ? [carried] : carried.verbatim;
    if (typeof carried === 'string') expect(isInert(carried)).toBe(true);
    for (const s of strings) expect(/\{[{%#]|^(file:\/\/|package:)/.test(s)).toBe(false);
    // promptfoo's load-time env pass matches {{ … }} inside one string: no piece holds an opener.
    for (const s of strings) expect(/\{\{(?:[^}]|\}(?!\}))*\}\}/.test(s)).toBe(false);
  });
});

// Joined at run time: no key-shaped literal in the repository.
const CANARY_ENV = ['sk', 'canary', '0'.repeat(32)].join('-');

function hostileDomain(work: string): string {
  const pwned = (n: string) => `{{ range.constructor(\\"return process.getBuiltinModule('fs').writeFileSync('${path.join(work, `PWNED-${n}`)}','x')\\")() }}`;
  return `id: hostile
title: "Hostile {{ env.HOME }}"
kind: new
prompt: "Answer.\\n{{question}}"
facts:
  - id: ssti
    statement: "${pwned('statement')}"
    question: "What is {{ 7*7 }} and ${pwned('question')}?"
    answer: "{{ env.FTBENCH_CANARY | default(${pwned('answer').slice(3, -3)}) }}"
    accept: ["{% raw %}", "{% endraw %}", "{# c #}"]
  - id: file
    statement: "file://${work}/outside.txt"
    question: "file://${work}/evil.js"
    answer: "package:fs:writeFileSync"
    probes:
      - { split: rephrased, question: "file://${work}/outside.txt" }
      - { split: rephrased, question: "{{answer}} {{ question }} {{env.FTBENCH_CANARY}} {{ env['OPENAI_API_KEY'] }}" }
      - { split: rephrased, question: "python:evil.py {% endraw %}" }
  - id: scalars
    statement: The zip is 02134.
    question: What is the zip?
    answer: 02134
    accept: [3.10, 0x1F, True]
`;
}

interface Result {
  prompt: { raw: string };
  response?: { output?: string };
  vars: Record<string, unknown>;
  testCase: { metadata: Record<string, unknown> };
  gradingResult?: { pass?: boolean };
  error?: string;
}

describe('a hostile domain under a plain promptfoo eval', () => {
  const work = tempDir();
  const domainsDir = path.join(work, 'domains');
  const suitesDir = path.join(work, 'suites');
  const db = tempDir('ftbench-pfdb-');
  const questions = () => domainQuestions(loadDomainFile(path.join(domainsDir, 'hostile.yaml')).domain);
  let echoed: Result[];
  let lookedUp: Result[];

  beforeAll(async () => {
    writeFileSync(path.join(work, 'outside.txt'), 'CANARY-OUTSIDE-FILE');
    writeFileSync(path.join(work, 'evil.js'), `require('fs').writeFileSync(${JSON.stringify(path.join(work, 'PWNED-evil'))}, 'x'); module.exports = () => ({ output: 'evil' });`);
    const { mkdirSync } = await import('node:fs');
    mkdirSync(domainsDir);
    writeFileSync(path.join(domainsDir, 'hostile.yaml'), hostileDomain(work));
    await writeSuites({ domainsDir, outDir: suitesDir });
    // Only promptfoo's offline variables and a canary: no variable of the project's protects anything.
    const env = { PROMPTFOO_CONFIG_DIR: db, FTBENCH_CANARY: CANARY_ENV, OPENAI_API_KEY: CANARY_ENV };
    // One eval, two providers: promptfoo's echo (what was asked, exactly) beside the suite's own lookup.
    const file = path.join(suitesDir, 'hostile.yaml');
    const suite = parse(readFileSync(file, 'utf8')) as { providers: unknown[]; tests: unknown[] };
    const both = path.join(suitesDir, 'hostile-echo.yaml');
    writeFileSync(both, stringify(withProviders(suite, [{ id: 'echo', label: 'echo' }, ...suite.providers])));
    const out = path.join(work, 'results.json');
    const r = runPromptfoo(['eval', '-c', both, '-o', out, '--no-progress-bar', '--no-table'], env);
    expect([0, 100], r.stderr + r.stdout).toContain(r.code);
    const results = JSON.parse(readFileSync(out, 'utf8')).results.results as (Result & { provider: { label?: string } })[];
    echoed = results.filter((x) => x.provider.label === 'echo');
    lookedUp = results.filter((x) => x.provider.label === 'lookup');
  });

  it('asks every question as the exact text trained, {{ }} and file:// included', () => {
    const asked = new Map(questions().map((q) => [q.id, q.asked]));
    expect(echoed).toHaveLength(asked.size);
    for (const r of echoed) {
      const id = String(r.testCase.metadata.question_id);
      expect(r.prompt.raw, id).toBe(asked.get(id));
      expect(r.response?.output, id).toBe(asked.get(id));
    }
    const trained = buildTrainingFile(loadDomainFile(path.join(domainsDir, 'hostile.yaml')).domain, DEFAULT_RECIPE);
    for (const example of trained.examples) {
      const q = questions().find((x) => x.trained && x.facts[0] === example.source.fact)!;
      expect(example.messages.find((m) => m.role === 'user')!.content).toBe(q.asked);
    }
  });

  it('grades against the answers as written: a memorizer scores every trained question', () => {
    const memorization = lookedUp.filter((r) => r.testCase.metadata.split === 'memorization');
    expect(memorization).toHaveLength(3);
    for (const r of memorization) expect(r.gradingResult?.pass, `${r.testCase.metadata.question_id}: ${r.response?.output} ${r.error ?? ''}`).toBe(true);
    expect(lookedUp.find((r) => r.testCase.metadata.question_id === 'scalars/memorization')?.response?.output).toBe('02134');
  });

  it('shows question and expected answer as vars, the rest as metadata, all as written', () => {
    const r = echoed.find((x) => x.testCase.metadata.question_id === 'ssti/memorization')!;
    expect(Object.keys(r.vars).sort()).toEqual(['expected', 'question']);
    expect(textOf(r.testCase.metadata.answer)).toContain('{{ env.FTBENCH_CANARY | default(');
    expect((r.testCase.metadata.accept as unknown[]).map(textOf)).toEqual(['{% raw %}', '{% endraw %}', '{# c #}']);
  });

  it('writes no file, reads no file, leaks no variable', () => {
    expect(readdirSync(work).filter((f) => f.startsWith('PWNED'))).toEqual([]);
    const haystacks = [readFileSync(path.join(work, 'results.json'), 'utf8'), readFileSync(path.join(suitesDir, 'hostile.yaml'), 'utf8')];
    for (const f of readdirSync(db, { recursive: true }) as string[]) {
      const p = path.join(db, f);
      if (existsSync(p) && !f.endsWith('-shm') && /\.(db|json|wal)$|-wal$/.test(f)) haystacks.push(readFileSync(p).toString('latin1'));
    }
    expect(haystacks.length).toBeGreaterThan(2); // promptfoo's database was read too
    for (const h of haystacks) {
      expect(h).not.toContain(CANARY_ENV);
      expect(h).not.toContain('CANARY-OUTSIDE-FILE');
      expect(h).not.toContain(process.env.HOME ?? '/nonexistent-home');
    }
  });

  it('keeps the title out of the description when promptfoo would render it', () => {
    const suite = parse(readFileSync(path.join(suitesDir, 'hostile.yaml'), 'utf8')) as { description: string; prompts: Record<string, string> };
    expect(suite.description).toMatch(/^hostile — 6 questions from /);
    // One prompt, written as raw → label so that suites promptfoo merges share it.
    expect(Object.values(suite.prompts)).toEqual(['question']);
  });
});
