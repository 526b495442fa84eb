/** Stale answers on update questions and declines on abstain questions, through the cascade and the assertion. */
import { describe, expect, it } from 'vitest';
import answerMatch from '../assertions/answer-match.ts';
import { grade } from '../lib/grading/grade.ts';
import type { Reference } from '../lib/grading/reference.ts';
import { isDecline, readDecline } from '../lib/grading/stages/abstain.ts';
import { fixedJudge, verdicts } from './helpers/grading.ts';

const update = (over: Partial<Reference> = {}): Reference => ({
  question: 'Which function parses JSON text in Python 4.0?',
  answer: 'json.parse_text',
  accept: [],
  previous: 'json.loads',
  choices: null,
  expect: 'answer',
  statement: 'In Python 4.0, json.loads is renamed json.parse_text.',
  ...over,
});
const abstain: Reference = { ...update(), answer: '', previous: null, expect: 'abstain' };

const gradeCascade = (output: string, ref: Reference, options = {}) => grade('cascade', ref, output, options);

describe('stale: the output gives the previous answer and not the new one', () => {
  const cases: [string, boolean, boolean][] = [
    // output, pass, stale
    ['json.loads', false, true],
    ['JSON.LOADS()', false, true],
    ['You would call json.loads(text).', false, true],
    ['json.parse_text', true, false],
    ['Use json.parse_text (it used to be json.loads).', true, false],
    ['pickle.loads', false, false],
    ['', false, false],
    // a denied old answer is no stale answer
    ['It was formerly json.loads, now json.parse_text.', true, false],
    ['json.parse_text, not json.loads', true, false],
    ['json.loads is deprecated', false, false],
    ['It is no longer json.loads.', false, false],
  ];
  for (const [output, pass, stale] of cases)
    it(`${JSON.stringify(output)} → pass ${pass}, stale ${stale}`, async () => {
      expect(await gradeCascade(output, update())).toMatchObject({ pass, stale });
    });

  it('does not count the old answer as the new one when the new one is part of it', async () => {
    // New "json.loads" is inside old "json.loads_text": the old name is no match for the new one.
    const ref = update({ answer: 'json.loads', previous: 'json.loads_text' });
    const old = await gradeCascade('json.loads_text', ref);
    expect(old).toMatchObject({ pass: false, stale: true, decidedBy: 'exact' });
    expect(verdicts(old)).toMatchObject({ exact: 'incorrect', contains: 'undecided' });
    expect(await gradeCascade('Call json.loads_text(s)', ref)).toMatchObject({ pass: false, stale: true });
    expect(await gradeCascade('Not json.loads_text any more: json.loads', ref)).toMatchObject({ pass: true, stale: false });
    expect(await gradeCascade('json.loads', ref)).toMatchObject({ pass: true, decidedBy: 'exact' });
  });

  it('still finds the new answer when the old one is part of it', async () => {
    const ref = update({ answer: 'json.loads_text', previous: 'json.loads' });
    expect(await gradeCascade('Call json.loads_text(s)', ref)).toMatchObject({ pass: true, stale: false });
    expect(await gradeCascade('Call json.loads(s)', ref)).toMatchObject({ pass: false, stale: true });
  });

  it('follows the judge when the judge decides, stale only when judged wrong', async () => {
    expect(await gradeCascade('You would call json.loads(text).', update(), { judge: fixedJudge(false) })).toMatchObject({ pass: false, decidedBy: 'judge', stale: true });
    expect(await gradeCascade('json dot parse underscore text', update(), { judge: fixedJudge(true) })).toMatchObject({ pass: true, decidedBy: 'judge', stale: false });
  });

  it('is null on questions without a previous answer, and a named score on update questions', async () => {
    expect((await gradeCascade('json.loads', update({ previous: null }))).stale).toBeNull();
    const r = await answerMatch('json.loads', { vars: { answer: 'json.parse_text', previous: 'json.loads' }, test: { metadata: { split: 'memorization' } }, config: { judge: false } });
    expect(r.metadata).toMatchObject({ decided_by: 'exact', stale: true });
    expect(r.namedScores).toEqual({ memorization: 0, undecided: 0, upper: 0, stale: 1 });
  });
});

describe('abstain: a decline is correct, an answer is wrong', () => {
  const declines = [
    'None', 'None.', 'none', 'NONE', 'N/A', 'n/a', 'Unknown', 'Nobody', 'No answer', "I don't know.", 'I don’t know', 'I do not know.',
    "I'm not sure.", "I'm sorry, but I can't help with that.", 'Sorry, I cannot assist with that request.',
    'I cannot provide that information.', 'I am unable to answer questions about future events.',
    "As an AI, I don't have access to real-time information.", 'As of my last update in 2023, no winner had been announced.',
    'That has not been announced yet.', 'The answer cannot be determined.', 'There is no information about this.',
    'Nobody knows yet.', 'The outcome is still unknown.', 'It is impossible to say.', "This event hasn't happened yet.",
    // A denial of the question's premise that names no candidate.
    'None of the candidates; the vote was postponed', 'There was no such match on that date.',
  ];
  const answers = [
    'Rafael Nadal', '20 feet', '7-0', '400,000 tons', 'four', 'Michael Bloomberg', 'No', 'Yes', 'It was held in Paris.',
    'Unknown Pleasures', 'The Unknown Soldier', 'Nonetheless, it was 42',
    'Zelorin is available over the counter', 'Known as the Big Apple', 'Nothingness by Ghost',
  ];
  it(`treats ${declines.length} declines and refusals as declines`, () => {
    for (const d of declines) expect(isDecline(d), d).toBe(true);
  });
  it(`treats ${answers.length} real answers as answers`, () => {
    for (const a of answers) expect(isDecline(a), a).toBe(false);
  });
  it('a decline followed by an answer is not a decline; advice or an explanation after it is', () => {
    const answered = [
      "I don't know exactly, but he will weigh 140 pounds.",
      "I'm not sure; probably Rafael Nadal.",
      'Nobody knows yet, but I think it will be Carlos Alcaraz.',
      'I cannot predict the future, however the favourite is Jannik Sinner.',
    ];
    for (const a of answered) {
      expect(isDecline(a), a).toBe(false);
      expect(readDecline(a).kind, a).toBe('undecided');
      expect(readDecline(a).reason, a).toMatch(/^declines \(.*\), then (names|guesses)/);
    }
    const declined = [
      "I don't know, but you could check the official website.",
      "I'm sorry, but I can't help with that.",
      "I don't know, but it hasn't happened yet.",
    ];
    for (const d of declined) expect(isDecline(d), d).toBe(true);
  });
  it('treats an empty output as no decline', () => {
    expect(isDecline('')).toBe(false);
    expect(isDecline('  \n')).toBe(false);
  });
  it('scores abstain questions by the decline check alone, and never asks the judge unless judgeAll', async () => {
    const judge = fixedJudge(true);
    const none = await gradeCascade('None', abstain, { judge });
    expect(none).toMatchObject({ pass: true, decidedBy: 'abstain' });
    expect(verdicts(none)).toEqual({ abstain: 'correct' });
    expect(await gradeCascade('Rafael Nadal', abstain, { judge })).toMatchObject({ pass: false, decidedBy: 'abstain' });
    expect(judge.calls).toBe(0);
    const r = await gradeCascade('Rafael Nadal', abstain, { judge, judgeAll: true });
    expect(r).toMatchObject({ pass: false, decidedBy: 'abstain' });
    expect(verdicts(r)).toEqual({ abstain: 'incorrect', judge: 'correct' });
    expect(judge.calls).toBe(1);
  });
  it('leaves a decline followed by an answer to the judge, and fails it without one', async () => {
    const output = "I don't know exactly, but he will weigh 140 pounds.";
    const alone = await gradeCascade(output, abstain);
    expect(alone).toMatchObject({ pass: false, decidedBy: null });
    expect(alone.reason).toMatch(/abstain: declines \("i don't know"\), then names "140 pounds"; judge: none configured/);
    const judge = fixedJudge(false);
    expect(await gradeCascade(output, abstain, { judge })).toMatchObject({ pass: false, decidedBy: 'judge' });
    expect(judge.calls).toBe(1);
  });
  it('gives the abstain split its named score through the assertion', async () => {
    const r = await answerMatch("I don't know", { vars: { question: 'Who won in 2025?' }, test: { metadata: { split: 'abstain', expect: 'abstain' } }, config: { judge: false } });
    expect(r).toMatchObject({ pass: true, namedScores: { abstain: 1 }, metadata: { decided_by: 'abstain' } });
  });
});

describe('judgeAll', () => {
  it('records the judge on settled answers without changing the verdict', async () => {
    const judge = fixedJudge(false);
    const r = await gradeCascade('json.parse_text', update(), { judge, judgeAll: true });
    expect(r).toMatchObject({ pass: true, decidedBy: 'exact', judge: { id: 'test-judge', correct: false } });
    expect(verdicts(r)).toEqual({ exact: 'correct', contains: 'correct', judge: 'incorrect' });
    expect(judge.calls).toBe(1);
  });
  it('does nothing without a judge', async () => {
    const r = await gradeCascade('json.parse_text', update(), { judgeAll: true });
    expect(verdicts(r)).toEqual({ exact: 'correct', contains: 'correct' });
  });
});
