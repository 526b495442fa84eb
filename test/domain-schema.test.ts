import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadDomainFile, loadDomains } from '../lib/domain/load.ts';
import { domainJsonSchema } from '../lib/domain/json-schema.ts';
import { domainQuestions } from '../lib/domain/questions.ts';
import { DOMAINS_DIR } from '../lib/suites/write-suites.ts';
import { main as buildSuites } from '../scripts/commands/build-suites.ts';
import { BUNDLED_DOMAIN_IDS } from './helpers/bundled-domains.ts';
import { runMain } from './helpers/command.ts';
import { tempDir } from './helpers/run.ts';

const GOOD = `id: tiny
title: Tiny
kind: new
prompt: "Answer briefly.\\n{{question}}"
facts:
  - id: a-height
    statement: A is 180 cm tall.
    question: How tall is A in cm?
    answer: 180
    probes:
      - { split: rephrased, question: What is A's height in cm? }
  - id: b-height
    statement: B is 170 cm tall.
    question: How tall is B in cm?
    answer: "170"
probes:
  - { split: comparison, facts: [a-height, b-height], question: Is A taller than B?, answer: "Yes" }
`;

function loadText(text: string): string {
  const dir = tempDir();
  const file = path.join(dir, 'bad.yaml');
  writeFileSync(file, text);
  try {
    loadDomainFile(file);
  } catch (err) {
    const message = (err as Error).message;
    expect(message).toContain(file);
    expect((err as Error).name).toBe('UserError');
    return message;
  }
  throw new Error('expected the domain to be rejected');
}

describe('domain schema errors name the file, the YAML path and the problem', () => {
  it('accepts a good domain (numbers become text answers)', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'tiny.yaml'), GOOD);
    const [loaded] = loadDomains(dir);
    expect(loaded!.domain.facts[0]!.answer).toBe('180');
  });

  const cases: [string, string, RegExp][] = [
    ['not YAML', 'id: x\nfacts: [unclosed\n', /bad\.yaml:\d+:\d+  not valid YAML/],
    ['an empty file', '', /the file is empty/],
    ['a list instead of a mapping', '- a\n- b\n', /\(top level\): a domain must be a mapping/],
    ['a missing answer', GOOD.replace('    answer: "170"\n', ''), /bad\.yaml:\d+:\d+  facts\[1\]\.answer: is required but missing/],
    ['an empty answer', GOOD.replace('answer: "170"', 'answer: ""'), /facts\[1\]\.answer: must not be empty/],
    ['an unknown split', GOOD.replace('split: rephrased', 'split: rephrase'), /facts\[0\]\.probes\[0\]\.split: unknown split "rephrase"; a probe's split is one of rephrased, derived/],
    ['a duplicate fact id', GOOD.replace('id: b-height', 'id: a-height'), /facts\[1\]\.id: duplicate fact id "a-height" \(first used by facts\[0\]\)/],
    ['a probe naming a missing fact', GOOD.replace('facts: [a-height, b-height]', 'facts: [a-height, c-height]'), /probes\[0\]\.facts\[1\]: names fact "c-height", which this domain does not have/],
    ['a template without {{question}}', GOOD.replace('"Answer briefly.\\n{{question}}"', '"Answer briefly."'), /bad\.yaml:4:\d+  prompt: prompt template must contain \{\{question\}\}/],
    ['a probe template that is neither a template nor a name', GOOD.replace('{ split: rephrased, question:', '{ split: rephrased, prompt: yes-no, question:'), /facts\[0\]\.probes\[0\]\.prompt: prompt template must contain \{\{question\}\} or name a template under prompts/],
    ['an unknown kind', GOOD.replace('kind: new', 'kind: novel'), /kind: unknown kind "novel"; expected one of new, update, control/],
    ['an unknown field (a typo)', GOOD.replace('    statement: A is', '    statment: A is'), /facts\[0\]\.statment: unknown field "statment"/],
    ['a bad fact id', GOOD.replace('id: a-height', 'id: A Height'), /facts\[0\]\.id: must be lowercase letters, digits and dashes/],
    ['an update domain without previous answers', GOOD.replace('kind: new', 'kind: update'), /facts\[0\]\.previous: an update domain needs the answer before the update/],
    ['no facts', 'id: x\ntitle: X\nkind: new\nprompt: "{{question}}"\nfacts: []\n', /facts: must hold at least one fact/],
    ['a duplicate YAML key', GOOD.replace('title: Tiny', 'title: Tiny\ntitle: Again'), /bad\.yaml:3:1  not valid YAML: duplicated mapping key/],
    ['an abstain probe with an answer', GOOD.replace('{ split: rephrased, question: What', '{ split: abstain, answer: "1", question: What'), /facts\[0\]\.probes\[0\]\.answer: an abstain probe has no answer/],
    ['a probe previous without its own answer', GOOD.replace('{ split: rephrased, question: What', '{ split: rephrased, previous: "170", question: What'), /facts\[0\]\.probes\[0\]\.previous: a probe's previous goes with its own answer/],
    ['a fact with neither a question nor a probe', GOOD.replace('    question: How tall is B in cm?\n', ''), /facts\[1\]\.question: a fact without a question needs at least one probe, or it asks nothing/],
    ['a control fact without a question', GOOD.replace('kind: new', 'kind: control').replace('    question: How tall is A in cm?\n', ''), /facts\[0\]\.question: a control domain asks every fact by its question/],
    ['a blank prompt template', GOOD.replace('"Answer briefly.\\n{{question}}"', '"  "'), /prompt: must not be empty/],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    expect(loadText(text)).toMatch(expected);
  });

  it('keeps prompt templates verbatim, whitespace included', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'tiny.yaml'), GOOD.replace('"Answer briefly.\\n{{question}}"', '"\\nAnswer briefly.\\nQ: {{question}}\\nA: "'));
    const [loaded] = loadDomains(dir);
    expect(loaded!.domain.prompt).toBe('\nAnswer briefly.\nQ: {{question}}\nA: ');
  });

  it('asks a fact without a question only through its probes, a probe with its own previous keeping it', () => {
    const dir = tempDir();
    const text = GOOD.replace('kind: new', 'kind: update')
      .replace('    question: How tall is A in cm?\n', '')
      .replace('    answer: 180\n', '    answer: 180\n    previous: 175\n')
      .replace('    answer: "170"\n', '    answer: "170"\n    previous: "165"\n')
      .replace('{ split: rephrased, question: What', '{ split: applied, answer: "6 ft", previous: "5 ft 9", question: What');
    writeFileSync(path.join(dir, 'tiny.yaml'), text);
    const [loaded] = loadDomains(dir);
    const questions = domainQuestions(loaded!.domain);
    expect(questions.map((q) => [q.id, q.split, q.trained, q.answer, q.previous])).toEqual([
      ['a-height/applied-1', 'applied', false, '6 ft', '5 ft 9'],
      ['b-height/memorization', 'memorization', true, '170', '165'],
      ['a-height+b-height/comparison-1', 'comparison', false, 'Yes', null],
    ]);
  });

  it('reports every problem of a file at once', () => {
    const message = loadText(GOOD.replace('split: rephrased', 'split: nope').replace('    answer: "170"\n', ''));
    expect(message).toMatch(/facts\[0\]\.probes\[0\]\.split: unknown split "nope"/);
    expect(message).toMatch(/facts\[1\]\.answer: is required but missing/);
  });

  it('rejects two files with the same domain id', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'one.yaml'), GOOD);
    writeFileSync(path.join(dir, 'two.yaml'), GOOD);
    expect(() => loadDomains(dir)).toThrow(/two\.yaml: domain id "tiny" is already used by .*one\.yaml/);
  });
});

describe('npm run suites on a bad domain', () => {
  it('prints the error without a stack trace and writes no suite at all', async () => {
    const domains = tempDir();
    const out = tempDir();
    writeFileSync(path.join(domains, 'good.yaml'), GOOD);
    mkdirSync(path.join(domains, 'more'));
    writeFileSync(path.join(domains, 'more', 'bad.yaml'), GOOD.replace('id: tiny', 'id: other').replace('split: rephrased', 'split: rephrase'));
    const r = await runMain(buildSuites, ['--domains', domains, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: .*more\/bad\.yaml is not a valid domain/m);
    expect(r.stderr).toMatch(/facts\[0\]\.probes\[0\]\.split: unknown split "rephrase"/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(readdirSync(out)).toEqual([]);
  });

  it('rejects an unknown flag in one line naming the nearest one', async () => {
    const r = await runMain(buildSuites, ['--domian', 'x']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: unknown option --domian; did you mean --domains?\n');
  });
});

describe('the exported JSON Schema', () => {
  it('is up to date with the zod schema (run `npm run schema` when this fails)', () => {
    expect(readFileSync(path.join(DOMAINS_DIR, 'domain.schema.json'), 'utf8')).toBe(domainJsonSchema());
  });

  it('accepts every bundled domain and rejects a broken one, as an editor would', () => {
    const ajv = new Ajv2020({ strict: false });
    const validate = ajv.compile(JSON.parse(readFileSync(path.join(DOMAINS_DIR, 'domain.schema.json'), 'utf8')));
    for (const name of BUNDLED_DOMAIN_IDS.map((id) => `${id}.yaml`)) {
      expect(validate(parseYaml(readFileSync(path.join(DOMAINS_DIR, name), 'utf8'))), JSON.stringify(validate.errors)).toBe(true);
    }
    expect(validate(parseYaml(GOOD.replace('split: rephrased', 'split: rephrase')))).toBe(false);
  });

  it('is referenced by every bundled domain file', () => {
    for (const name of BUNDLED_DOMAIN_IDS.map((id) => `${id}.yaml`)) {
      expect(readFileSync(path.join(DOMAINS_DIR, name), 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=./domain.schema.json');
    }
    expect(existsSync(path.join(DOMAINS_DIR, 'domain.schema.json'))).toBe(true);
  });
});
