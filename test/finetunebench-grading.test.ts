/**
 * The free grading stages on real outputs: FineTuneBench's published
 * latest_news rephrased responses (50 questions × 5 models: free-form
 * sentences, many of them verbose refusals), read from FINETUNEBENCH_DIR
 * and graded without a judge two ways, against a person's labels
 * (helpers/finetunebench-response-labels.ts: ids and hashes, no text):
 *
 * - as answers (the cascade on the rephrased question, its answer and fact):
 *   no wrong answer and no refusal passes, and at least 97% of the correct
 *   answers pass;
 * - as would-be declines (the same response to the question as an abstain
 *   question): no answer is taken for a decline, and at least 95% of the
 *   refusals are.
 * It prints the figures. Without FINETUNEBENCH_DIR it skips, saying so in
 * one line; under CI a missing checkout fails (helpers/outside-data.ts).
 */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { grade } from '../lib/grading/grade.ts';
import type { Reference } from '../lib/grading/reference.ts';
import { LATEST_NEWS_REPHRASED_LABELS, type ResponseLabel } from './helpers/finetunebench-response-labels.ts';
import { HAS_UPSTREAM, UPSTREAM_SKIP_NOTE, upstreamCsv } from './helpers/upstream.ts';

const FILE = 'model_responses/latest_news/latest_news_rephrased_w_responses.csv';
const SUFFIX = '_response';

interface Graded {
  label: ResponseLabel;
  /** The cascade's verdict reading the response as an answer: pass, fail or undecided. */
  asAnswer: 'pass' | 'fail' | 'undecided';
  asDecline: 'pass' | 'fail' | 'undecided';
  where: string;
}

const verdictOf = (o: { pass: boolean; decidedBy: string | null }) => (o.decidedBy === null ? 'undecided' : o.pass ? 'pass' : 'fail');

describe.skipIf(!HAS_UPSTREAM)(`the free stages on FineTuneBench's recorded latest_news responses${UPSTREAM_SKIP_NOTE}`, () => {
  const graded: Graded[] = [];

  beforeAll(async () => {
    const labels = new Map(LATEST_NEWS_REPHRASED_LABELS.map(([id, model, hash, label]) => [`${id}|${model}`, { hash, label }]));
    for (const row of upstreamCsv(FILE)) {
      const ref: Reference = {
        question: row.rephrased_question!, answer: row.answer!, accept: [], previous: null, choices: null, expect: 'answer', statement: row.fact!,
      };
      for (const column of Object.keys(row).filter((c) => c.endsWith(SUFFIX))) {
        const model = column.slice(0, -SUFFIX.length);
        const output = row[column]!;
        const where = `${row.id} / ${model}`;
        const known = labels.get(`${row.id}|${model}`);
        if (!known) throw new Error(`${FILE}: no label for ${where}; the labels list every response of the published file`);
        const hash = createHash('sha256').update(output).digest('hex').slice(0, 12);
        if (hash !== known.hash) throw new Error(`${FILE}: the response of ${where} is not the one labelled (sha256 ${hash}, labelled ${known.hash})`);
        const asAnswer = await grade('cascade', ref, output, { split: 'rephrased' });
        const asDecline = await grade('cascade', { ...ref, answer: '', expect: 'abstain' }, output, { split: 'abstain' });
        graded.push({ label: known.label, asAnswer: verdictOf(asAnswer), asDecline: verdictOf(asDecline), where });
      }
    }
  });

  it('grades every labelled response', () => {
    expect(graded).toHaveLength(LATEST_NEWS_REPHRASED_LABELS.length);
  });

  it('read as answers: no wrong answer or refusal passes; at least 97% of the correct answers pass without a judge', () => {
    const correct = graded.filter((g) => g.label === 'C');
    const recognised = correct.filter((g) => g.asAnswer === 'pass').length;
    const wrongPasses = graded.filter((g) => g.label !== 'C' && g.asAnswer === 'pass');
    const undecided = graded.filter((g) => g.asAnswer === 'undecided').length;
    console.log(
      `FineTuneBench latest_news rephrased, ${graded.length} responses read as answers, no judge: ${recognised} of ${correct.length} correct answers pass ` +
        `(${((100 * recognised) / correct.length).toFixed(1)}%); ${wrongPasses.length} wrong answers or refusals pass; ${undecided} undecided (for a judge)`,
    );
    expect(wrongPasses.map((g) => g.where)).toEqual([]);
    expect(recognised / correct.length).toBeGreaterThanOrEqual(0.97);
  });

  it('read as would-be declines: no answer passes as a decline; at least 95% of the refusals are recognised without a judge', () => {
    const refusals = graded.filter((g) => g.label === 'D');
    const recognised = refusals.filter((g) => g.asDecline === 'pass').length;
    const answersAsDeclines = graded.filter((g) => g.label !== 'D' && g.asDecline === 'pass');
    const undecided = graded.filter((g) => g.asDecline === 'undecided').length;
    console.log(
      `FineTuneBench latest_news rephrased, ${graded.length} responses read as would-be declines, no judge: ${recognised} of ${refusals.length} refusals recognised ` +
        `(${((100 * recognised) / refusals.length).toFixed(1)}%); ${answersAsDeclines.length} answers taken for a decline; ${undecided} undecided (for a judge)`,
    );
    expect(answersAsDeclines.map((g) => g.where)).toEqual([]);
    expect(recognised / refusals.length).toBeGreaterThanOrEqual(0.95);
  });
});
