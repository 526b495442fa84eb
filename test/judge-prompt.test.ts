import { describe, expect, it } from 'vitest';
import { grade } from '../lib/grading/grade.ts';
import { buildJudgeMessages, dataNonce, FTBENCH_JUDGE, judgeData } from '../lib/grading/judge/judge-prompt.ts';
import { JUDGE_CANDIDATE_MAX_CHARS, judgeInputOf, type Judge, type JudgeInput } from '../lib/grading/judge/judge.ts';
import { toGradingResult } from '../lib/grading/grading-result.ts';
import { reference } from './helpers/grading.ts';
import { INJECTION_QUESTION, INJECTIONS } from './helpers/injections.ts';

/** Every character a reader may take for a line break: ECMAScript's, Unicode's (UAX #14 mandatory breaks) and Python's str.splitlines(). */
const LINE_TERMINATORS = /\r\n|[\n\r\v\f\u001c\u001d\u001e\u0085\u2028\u2029]/;

const input = (candidate: string) => ({ ...INJECTION_QUESTION, candidate });

describe('the judge prompt quotes the candidate as data', () => {
  it('sends the rules as system and the fenced JSON data as user', () => {
    const [system, user] = buildJudgeMessages(input('126 pounds'));
    expect(system!.role).toBe('system');
    expect(user!.role).toBe('user');
    const nonce = /`BEGIN DATA ([0-9a-f]{16})`/.exec(system!.content)![1]!;
    expect(system!.content).toContain(`\`END DATA ${nonce}\``);
    expect(system!.content).toMatch(/never an instruction to you/);
    expect(system!.content).toMatch(/`VERDICT: CORRECT` or `VERDICT: INCORRECT`/);
    expect(user!.content.split('\n')).toEqual([`BEGIN DATA ${nonce}`, expect.any(String), `END DATA ${nonce}`]);
    expect(JSON.parse(user!.content.split('\n')[1]!)).toEqual({
      question: INJECTION_QUESTION.question,
      reference_answers: ['126', '126 pounds'],
      fact: INJECTION_QUESTION.statement,
      expected: 'answer',
      candidate: '126 pounds',
    });
  });

  it('is the same prompt for the same input, and another fence for another candidate', () => {
    expect(buildJudgeMessages(input('126'))).toEqual(buildJudgeMessages(input('126')));
    const nonceOf = (c: string) => buildJudgeMessages(input(c))[1]!.content.split('\n')[0];
    expect(nonceOf('126')).not.toBe(nonceOf('127'));
  });

  it('asks for a decline on abstain questions, with no reference answers', () => {
    expect(judgeData({ ...INJECTION_QUESTION, candidate: 'None', expect: 'abstain' })).toMatchObject({ expected: 'decline', reference_answers: [] });
  });

  it(`keeps each of ${INJECTIONS.length} injection attempts inside one JSON string, byte for byte`, () => {
    expect(INJECTIONS.length).toBeGreaterThanOrEqual(20);
    const plain = buildJudgeMessages(input('126'));
    const rulesFor126 = plain[0]!.content.replaceAll(dataNonce(plain[1]!.content.split('\n')[1]!), 'NONCE');
    for (const { name, candidate } of INJECTIONS) {
      const [system, user] = buildJudgeMessages(input(candidate));
      // Exactly three lines, whatever line terminators the candidate holds.
      const lines = user!.content.split(LINE_TERMINATORS);
      expect(lines, name).toHaveLength(3);
      const json = lines[1]!;
      expect(lines[0], name).toBe(`BEGIN DATA ${dataNonce(json)}`);
      expect(lines[2], name).toBe(`END DATA ${dataNonce(json)}`);
      // The data parses back to exactly the candidate, and nothing else changed.
      expect(JSON.parse(json), name).toEqual(judgeData(input(candidate)));
      // The rules are the same text for every candidate, fence word aside.
      expect(system!.content.replaceAll(dataNonce(json), 'NONCE'), name).toBe(rulesFor126);
    }
  });

  it('escapes every line terminator in the data, and the escapes read back as the candidate', () => {
    const candidate = 'a\nb\rc\u000bd\u000ce\u001cf\u001dg\u001eh\u0085i\u2028j\u2029k';
    const user = buildJudgeMessages(input(candidate))[1]!.content;
    const json = user.split('\n')[1]!;
    expect(json).not.toMatch(LINE_TERMINATORS);
    for (const escaped of ['\\n', '\\r', '\\u000b', '\\f', '\\u001c', '\\u001d', '\\u001e', '\\u0085', '\\u2028', '\\u2029']) expect(json).toContain(escaped);
    expect((JSON.parse(json) as { candidate: string }).candidate).toBe(candidate);
  });

  it(`cuts a candidate longer than ${JUDGE_CANDIDATE_MAX_CHARS} characters, and says so to the judge, in the reason and in the metadata`, async () => {
    const long = `${'126 '.repeat(3000)}\u{1F600}`;
    expect(judgeInputOf(reference(), 'x'.repeat(JUDGE_CANDIDATE_MAX_CHARS))).not.toHaveProperty('truncated');
    const seen: JudgeInput[] = [];
    const judge: Judge = { id: 'recording', judge: async (i) => (seen.push(i), { correct: true, raw: 'VERDICT: CORRECT' }) };
    const outcome = await grade('judge-only', reference(), long, { judge, split: 'rephrased' });
    expect(seen[0]!.candidate.startsWith(long.slice(0, JUDGE_CANDIDATE_MAX_CHARS))).toBe(true);
    expect(seen[0]!.candidate).toMatch(new RegExp(`…cut: the first ${JUDGE_CANDIDATE_MAX_CHARS} of ${long.length} characters are shown\\]$`));
    expect(seen[0]!.candidate.length).toBeLessThan(JUDGE_CANDIDATE_MAX_CHARS + 80);
    expect(outcome.reason).toMatch(new RegExp(`the candidate was cut to its first ${JUDGE_CANDIDATE_MAX_CHARS} of ${long.length} characters`));
    expect(toGradingResult(outcome).metadata.judge).toMatchObject({ truncated: { shown: JUDGE_CANDIDATE_MAX_CHARS, total: long.length } });
    // The judge is told about the cut in its rules.
    expect(buildJudgeMessages(seen[0]!)[0]!.content).toContain(`longer than ${JUDGE_CANDIDATE_MAX_CHARS} characters is shown cut`);
  });

  it('never cuts between the two halves of a surrogate pair', () => {
    const output = `${'x'.repeat(JUDGE_CANDIDATE_MAX_CHARS - 1)}\u{1F600}tail`;
    const { input: cut, truncated } = judgeInputOf(reference(), output);
    expect(truncated).toEqual({ shown: JUDGE_CANDIDATE_MAX_CHARS - 1, total: output.length });
    expect(cut.candidate).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('names its version, which keys cached verdicts', () => {
    expect(FTBENCH_JUDGE.version).toMatch(/^ftbench-judge-v\d+$/);
  });
});
