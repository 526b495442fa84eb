import { describe, expect, it } from 'vitest';
import { parsePaperVerdict } from '../lib/grading/judge/paper-prompt.ts';
import { parseVerdict } from '../lib/grading/judge/judge-prompt.ts';

describe('parseVerdict (the project judge prompt: one line, VERDICT: CORRECT | VERDICT: INCORRECT)', () => {
  it('reads the two well-formed replies, surrounding whitespace aside', () => {
    expect(parseVerdict('VERDICT: CORRECT')).toBe(true);
    expect(parseVerdict('VERDICT: INCORRECT')).toBe(false);
    expect(parseVerdict('  VERDICT: CORRECT\n')).toBe(true);
    expect(parseVerdict('\n\tVERDICT: INCORRECT  ')).toBe(false);
  });

  const malformed = [
    '',
    '   ',
    'CORRECT',
    'INCORRECT',
    'Correct',
    'VERDICT: correct',
    'Verdict: CORRECT',
    'verdict: incorrect',
    'VERDICT:CORRECT',
    'VERDICT:  CORRECT',
    'VERDICT: CORRECT.',
    '"VERDICT: CORRECT"',
    '`VERDICT: CORRECT`',
    '**VERDICT: CORRECT**',
    'VERDICT: PARTIALLY CORRECT',
    'VERDICT: C',
    'VERDICT: CORRECT\nVERDICT: INCORRECT',
    'VERDICT: INCORRECT\nVERDICT: CORRECT',
    'The candidate gives 126, so VERDICT: CORRECT',
    'VERDICT: CORRECT\nThe candidate states the reference answer.',
    'Reasoning: the answer matches.\nVERDICT: CORRECT',
    '{"verdict": "CORRECT"}',
    'VERDICT: CORRECT VERDICT: CORRECT',
    'VERDICT: ＣＯＲＲＥＣＴ',
    'I cannot grade this.',
    'VERDICT: YES',
  ];
  it(`treats ${malformed.length} other replies as malformed (null)`, () => {
    expect(malformed.length).toBeGreaterThanOrEqual(15);
    for (const reply of malformed) expect(parseVerdict(reply), JSON.stringify(reply)).toBeNull();
  });
});

describe('parsePaperVerdict (the study prompt: "Correct" or "Incorrect")', () => {
  it('reads the two verdicts the study prompt asks for', () => {
    expect(parsePaperVerdict('Correct')).toBe(true);
    expect(parsePaperVerdict('Incorrect')).toBe(false);
    expect(parsePaperVerdict(' Incorrect\n')).toBe(false);
  });
  it('rejects anything else', () => {
    const malformed = ['', 'correct', 'INCORRECT', 'Correct.', 'Evaluation: Correct', 'Correct\nIncorrect', 'Partially correct', 'The guess is Correct', '"Correct"', 'VERDICT: CORRECT', 'Yes', 'Incorrect, because the guess names another bridge', 'Correct!', 'Corr', 'Incorrect Correct'];
    expect(malformed.length).toBeGreaterThanOrEqual(15);
    for (const reply of malformed) expect(parsePaperVerdict(reply), JSON.stringify(reply)).toBeNull();
  });
});
