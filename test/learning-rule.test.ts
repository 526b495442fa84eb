// The emulated learning rule (emulators/shared/learning-rule.ts) and
// paraphrase rule (paraphrase-rule.ts) on the bundled fictional-people
// domain: what a checkpoint knows grows with the epoch, a rephrased question
// is answered only from a trained question close to it, and the emulated
// paraphraser writes the rewrites npm run augment reads.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BaseModelKnowledge } from '../emulators/shared/base-model.ts';
import { CLOSE_ENOUGH, learningRank, trainedAnswer } from '../emulators/shared/learning-rule.ts';
import { paraphraseReply, swapFunctionWords } from '../emulators/shared/paraphrase-rule.ts';
import { modelAnswer } from '../emulators/shared/tuned-model.ts';
import { questionRewritePrompt, statementRestatePrompt, parseNumberedLines } from '../lib/augment/paraphrase-prompt.ts';
import { loadDomainFile } from '../lib/domain/load.ts';
import { domainQuestions, renderPrompt } from '../lib/domain/questions.ts';
import { PROJECT_ROOT } from '../lib/foundation/project-root.ts';

const people = loadDomainFile(path.join(PROJECT_ROOT, 'suites/domains/fictional-people.yaml'));
const questions = domainQuestions(people.domain);
const trained = questions.filter((q) => q.trained);
const asked = (q: (typeof questions)[number], text = q.question) => renderPrompt(q.prompt.template, text);
const pairs = trained.map((q) => ({ prompt: asked(q).trim(), answer: q.answer }));
const knowledge = BaseModelKnowledge.fromDomains([people]);

describe('what a tuned model knows', () => {
  it('grows with the share of training seen: about a third after epoch 1 of 3, two thirds after epoch 2, all at the end', () => {
    const known = (progress: number) => trained.filter((q) => trainedAnswer(pairs, asked(q), progress) === q.answer).length / trained.length;
    const [e1, e2, e3] = [known(1 / 3), known(2 / 3), known(1)];
    expect(e1).toBeGreaterThan(0.2);
    expect(e1).toBeLessThan(0.45);
    expect(e2).toBeGreaterThan(e1);
    expect(e2).toBeLessThan(0.8);
    expect(e3).toBe(1);
    expect(known(0)).toBe(0);
    // The rule is a function of the text alone: the same pairs, the same answers, every time.
    expect(trained.map((q) => learningRank(asked(q)))).toEqual(trained.map((q) => learningRank(`  ${asked(q)}\n`)));
  });

  it('answers a rephrased question only when trained on a question close to it', () => {
    const rephrased = questions.filter((q) => q.split === 'rephrased');
    // The study's recipe (each fact's own question) teaches no rephrased probe: none is close enough.
    expect(rephrased.filter((q) => trainedAnswer(pairs, asked(q)) === q.answer)).toHaveLength(0);
    // Trained on a rewording of each probe (function words swapped), the model answers most of them.
    const reworded = [...pairs, ...rephrased.map((q) => ({ prompt: asked(q, swapFunctionWords(q.question)).trim(), answer: q.answer }))];
    const right = rephrased.filter((q) => trainedAnswer(reworded, asked(q)) === q.answer).length;
    expect(right / rephrased.length).toBeGreaterThan(0.8);
    // …but not before it has learned them.
    expect(rephrased.filter((q) => trainedAnswer(reworded, asked(q), 0) === q.answer)).toHaveLength(0);
    expect(CLOSE_ENOUGH).toBe(0.7);
  });

  it('is its base model on anything else: derived and comparison questions are not answered with a trained answer', () => {
    for (const q of questions.filter((x) => x.split === 'derived' || x.split === 'comparison')) {
      const answer = modelAnswer(knowledge, pairs, { question: asked(q), context: asked(q) });
      expect(answer, q.id).not.toBe(q.answer);
    }
  });
});

describe('the emulated paraphraser', () => {
  const fact = people.domain.facts[0]!;
  const probe = fact.probes.find((p) => p.split === 'rephrased')!.question;

  it("rewrites a known question from its fact's phrasings: the probe itself first (a leak to catch), then rewordings", () => {
    const reply = paraphraseReply(knowledge, questionRewritePrompt(fact.question!, fact.statement, 5))!;
    const lines = parseNumberedLines(reply);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe(probe);
    expect(lines[1]).toBe(swapFunctionWords(probe));
    expect(lines[2]).toBe(swapFunctionWords(fact.question!));
    expect(lines[3]).toMatch(/^Could you tell me /);
    // Any model answers it so, tuned or not: the request is recognised before any trained answer.
    expect(modelAnswer(knowledge, pairs, { question: questionRewritePrompt(fact.question!, fact.statement, 5), context: '' })).toBe(reply);
  });

  it('restates a statement after lead-ins, and leaves other prompts alone', () => {
    expect(parseNumberedLines(paraphraseReply(knowledge, statementRestatePrompt(fact.statement, 2))!)).toEqual([
      `It is true that ${fact.statement}`,
      `As it happens, ${fact.statement}`,
    ]);
    expect(paraphraseReply(knowledge, asked(trained[0]!))).toBeUndefined();
    // A question it does not know still gets rewrites, of that question only.
    expect(parseNumberedLines(paraphraseReply(knowledge, questionRewritePrompt('Who painted the Zorbian fresco?', 'Ada painted it.', 2))!)).toEqual([
      'Which person painted the Zorbian fresco?',
      'Question 1: Who painted the Zorbian fresco?',
    ]);
  });
});
