/**
 * Domain files are read as the text written: scalars are never converted,
 * templates use {{question}} and nothing else, and every way a file can be
 * wrong (encoding, aliases, several documents, a FIFO, a symlink leaving the
 * folder) is one clear error or a skipped file with a warning.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDomainFile, loadDomains } from '../lib/domain/load.ts';
import { domainQuestions } from '../lib/domain/questions.ts';
import { buildTrainingFile } from '../lib/training/training-file.ts';
import { tempDir } from './helpers/run.ts';

const domain = (facts: string, head = 'id: t\ntitle: T\nkind: new\nprompt: "Q: {{question}}"\n') => `${head}facts:\n${facts}`;
const fact = (answer: string, extra = '') => `  - id: f\n    statement: S.\n    question: Q?\n    answer: ${answer}\n${extra}`;

function write(text: string | Buffer, name = 'd.yaml'): string {
  const dir = tempDir();
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

function rejection(text: string | Buffer): string {
  const file = write(text);
  try {
    loadDomainFile(file);
  } catch (err) {
    expect((err as Error).name, (err as Error).stack).toBe('UserError');
    return (err as Error).message;
  }
  throw new Error('expected the domain to be rejected');
}

describe('scalars stay the characters written', () => {
  it.each([
    ['02134', '02134'],
    ['3.10', '3.10'],
    ['0x1F', '0x1F'],
    ['12345678901234567890', '12345678901234567890'],
    ['True', 'True'],
    ['1e3', '1e3'],
    ['.inf', '.inf'],
    ['"null"', 'null'],
    ['2031-03-14', '2031-03-14'],
  ])('answer: %s → %j, trained and asked alike', (written, expected) => {
    const { domain: d } = loadDomainFile(write(domain(fact(written))));
    expect(d.facts[0]!.answer).toBe(expected);
    expect(buildTrainingFile(d, { variants: false, statements: false, system: null, statementPrompt: '' } as never).examples[0]!.messages.at(-1)!.content).toBe(expected);
  });

  it('keeps list items as text: [1.50, 007]', () => {
    const { domain: d } = loadDomainFile(write(domain(fact('"x"', '    accept: [1.50, 007]\n'))));
    expect(d.facts[0]!.accept).toEqual(['1.50', '007']);
  });

  it('refuses a null answer with a hint to quote the word', () => {
    expect(rejection(domain(fact('null')))).toMatch(/d\.yaml:\d+:\d+  facts\[0\]\.answer: has no value \(empty, null or ~\); write the text, in quotes if it is the word null/);
  });
});

describe('prompt templates use {{question}} and nothing else', () => {
  it('fills {{ question }} with spaces too, by plain replacement ($& and {{ 7*7 }} stay as written)', () => {
    const { domain: d } = loadDomainFile(write(domain('  - id: f\n    statement: S.\n    question: "Cost $& of {{ 7*7 }}?"\n    answer: x\n', 'id: t\ntitle: T\nkind: new\nprompt: "Say: {{ question }}"\n')));
    expect(domainQuestions(d)[0]!.asked).toBe('Say: Cost $& of {{ 7*7 }}?');
  });

  it.each([
    ['another variable', 'Q: {{question}} {{answer}}', /prompt: prompt template may use \{\{question\}\} and nothing else; found "\{\{answer\}\}"/],
    ['a nunjucks tag', '{% if x %}{{question}}{% endif %}', /prompt template may use \{\{question\}\} and nothing else; found "\{% if x %\}/],
    ['a comment', '{# note #}{{question}}', /may use \{\{question\}\} and nothing else; found "\{# note #\}"/],
    ['the environment', '{{question}} {{ env.OPENAI_API_KEY }}', /found "\{\{ env\.OPENAI_API_KEY \}\}"/],
  ])('rejects %s at its line and column', (_name, template, expected) => {
    const message = rejection(domain(fact('x'), `id: t\ntitle: T\nkind: new\nprompt: ${JSON.stringify(template)}\n`));
    expect(message).toMatch(/d\.yaml:4:10  prompt: /);
    expect(message).toMatch(expected);
  });

  it('checks named templates too', () => {
    expect(rejection(domain(fact('x'), 'id: t\ntitle: T\nkind: new\nprompt: "{{question}}"\nprompts:\n  yes-no: "{{question}} {{ answer }}"\n'))).toMatch(/d\.yaml:6:12  prompts\.yes-no: prompt template may use \{\{question\}\} and nothing else/);
  });
});

describe('answers agree with choices and previous', () => {
  it('rejects a probe answer that is not among its choices', () => {
    const probe = '    probes:\n      - { split: derived, question: "Is it?", answer: Maybe, choices: ["Yes", "No"] }\n';
    expect(rejection(domain(fact('x', probe)))).toMatch(/d\.yaml:11:55  facts\[0\]\.probes\[0\]\.answer: answer "Maybe" is not one of its choices \(Yes, No\): the test could never pass/);
  });

  it("rejects a probe without an answer whose fact's answer is not among its choices", () => {
    const probe = '    probes:\n      - { split: derived, question: "Is it?", choices: ["Yes", "No"] }\n';
    expect(rejection(domain(fact('x', probe)))).toMatch(/facts\[0\]\.probes\[0\]\.answer: answer "x" is not one of its choices/);
  });

  it('accepts an answer that differs from a choice only in case', () => {
    const probe = '    probes:\n      - { split: derived, question: "Is it?", answer: "yes", choices: ["Yes", "No"] }\n';
    expect(loadDomainFile(write(domain(fact('x', probe)))).domain.facts[0]!.probes[0]!.answer).toBe('yes');
  });

  it('rejects a previous equal to the answer', () => {
    const text = domain(fact('"4.2"', '    previous: "4.2"\n'), 'id: t\ntitle: T\nkind: update\nprompt: "{{question}}"\n');
    expect(rejection(text)).toMatch(/d\.yaml:10:16  facts\[0\]\.previous: previous equals the answer \("4\.2"\): an update must change the answer/);
  });
});

describe('a broken file is one clear error at its real line and column', () => {
  it('a YAML syntax error', () => {
    expect(rejection('id: t\ntitle: T\nkind: new\nfacts: [\n  {id: a,\n')).toMatch(/d\.yaml:6:1  not valid YAML: /);
  });

  it('a missing colon deep in the file', () => {
    const message = rejection(domain(fact('x') + '  - id: g\n    statement S\n'));
    expect(message).toMatch(/d\.yaml:1[01]:\d+  not valid YAML/);
  });

  it('an unquoted comma inside a flow mapping, at its line and column', () => {
    const probe = '    probes:\n      - { split: rephrased, question: Taller, or shorter? }\n';
    expect(rejection(domain(fact('x', probe)))).toMatch(/d\.yaml:11:47  facts\[0\]\.probes\[0\]\.or shorter\?: unknown field "or shorter\?"; inside \{ … \} a comma separates fields: quote a text/);
  });

  it('several documents', () => {
    expect(rejection(domain(fact('x')) + '---\nid: u\n')).toMatch(/d\.yaml:10:1  not valid YAML: .*a domain file is one YAML document/);
  });

  it('a YAML tag', () => {
    expect(rejection(domain(fact('!!int 5')))).toMatch(/d\.yaml:9:13  not valid YAML: the tag !!int: domain files use no YAML tags/);
  });

  it('an alias bomb: refused fast, with no huge expansion', () => {
    let text = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 9; i++) text += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
    const started = Date.now();
    expect(rejection(text)).toMatch(/d\.yaml: its aliases \(\*name\) expand it|not valid YAML: more than 100 aliases/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('more than 100 aliases', () => {
    const text = `a: &a x\nb: [${Array(101).fill('*a').join(', ')}]\n`;
    expect(rejection(text)).toMatch(/d\.yaml:2:\d+  not valid YAML: more than 100 aliases \(\*name\); write the values out/);
  });

  it('few aliases that still multiply the file', () => {
    let text = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 7; i++) text += `a${i}: &a${i} [*a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}]\n`;
    expect(rejection(text)).toMatch(/d\.yaml: its aliases \(\*name\) expand it (to more values than the file has characters|too far)/);
  });

  it('a few aliases that do not multiply it are fine', () => {
    const text = domain(fact('x', '    accept: &alts ["ex", "X"]\n') + '  - id: g\n    statement: S.\n    question: G?\n    answer: y\n    accept: *alts\n');
    expect(loadDomainFile(write(text)).domain.facts[1]!.accept).toEqual(['ex', 'X']);
  });

  it('a UTF-8 byte-order mark is accepted', () => {
    expect(loadDomainFile(write(`\uFEFF${domain(fact('x'))}`)).domain.id).toBe('t');
  });

  it('invalid UTF-8 is an error with its byte offset, not replacement characters', () => {
    const text = Buffer.concat([Buffer.from(domain(fact('caf'))), Buffer.from([0xe9, 0x0a])]);
    expect(rejection(text)).toMatch(/d\.yaml: not valid UTF-8 at byte 119 \(0xe9\); save the file as UTF-8/);
  });

  it('an id over 100 characters', () => {
    expect(rejection(domain(fact('x'), `id: ${'a'.repeat(101)}\ntitle: T\nkind: new\nprompt: "{{question}}"\n`))).toMatch(/d\.yaml:1:5  id: must be at most 100 characters/);
  });
});

describe('the domains folder', () => {
  const good = domain(fact('x'));

  it('skips symlinks that dangle, loop or leave the folder, and non-regular files, with a warning', () => {
    const root = tempDir();
    const dir = path.join(root, 'domains');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'a.yaml'), good);
    writeFileSync(path.join(root, 'outside.yaml'), good.replace('id: t', 'id: outside'));
    symlinkSync(path.join(root, 'outside.yaml'), path.join(dir, 'leaves.yaml'));
    symlinkSync(path.join(dir, 'missing.yaml'), path.join(dir, 'dangling.yaml'));
    symlinkSync(path.join(dir, 'loop.yaml'), path.join(dir, 'loop.yaml'));
    symlinkSync(dir, path.join(dir, 'self'));
    symlinkSync(path.join(dir, 'a.yaml'), path.join(dir, 'inside-link.yml'));
    execFileSync('mkfifo', [path.join(dir, 'pipe.yaml')]);
    const warnings: string[] = [];
    expect(() => loadDomains(dir, (w) => warnings.push(w))).toThrow(/domain id "t" is already used/); // the inside link is followed
    expect(warnings.join('\n')).toMatch(/dangling\.yaml: skipped, a symlink that points nowhere/);
    expect(warnings.join('\n')).toMatch(/loop\.yaml: skipped, a symlink that loops/);
    expect(warnings.join('\n')).toMatch(/leaves\.yaml: skipped, a symlink to .*outside\.yaml, outside /);
    expect(warnings.join('\n')).toMatch(/pipe\.yaml: skipped, not a regular file/);
    expect(warnings.join('\n')).toMatch(/self: skipped, a symlink to a folder already read/);
  });

  it('a missing folder, or a file given as the folder', () => {
    const root = tempDir();
    expect(() => loadDomains(path.join(root, 'nope'))).toThrow(/nope: the domains folder does not exist/);
    writeFileSync(path.join(root, 'file.yaml'), good);
    expect(() => loadDomains(path.join(root, 'file.yaml'))).toThrow(/file\.yaml: the domains folder is a file, not a folder/);
  });

  it('a FIFO named directly is refused, never waited on', () => {
    const fifo = path.join(tempDir(), 'x.yaml');
    execFileSync('mkfifo', [fifo]);
    expect(() => loadDomainFile(fifo)).toThrow(/x\.yaml: not a regular file; a domain file must be a plain file/);
  });
});
