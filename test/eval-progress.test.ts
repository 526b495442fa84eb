/**
 * The progress `npm start` and `npm run reproduce` show while promptfoo
 * evaluates (lib/eval/eval-progress.ts): a bar per domain on a terminal,
 * plain lines otherwise. The counts come from the suite's extension hook
 * (test/main-offline.test.ts and test/no-measurement.test.ts check them end to end).
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createEvalProgress, progressText, RATE_SAMPLE } from '../lib/eval/eval-progress.ts';

function capture(tty: boolean) {
  const stream = Object.assign(new PassThrough(), tty ? { isTTY: true, columns: 160, rows: 40 } : {});
  let text = '';
  stream.on('data', (d: Buffer) => (text += d.toString()));
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => text };
}

describe('progress while evaluating', () => {
  it('without a terminal: a line when a domain starts, at each quarter, and when it ends, with its errors', () => {
    const out = capture(false);
    const progress = createEvalProgress(out.stream, ['people', 'control']);
    progress.start('people', 8);
    for (let i = 0; i < 8; i++) progress.testDone('people', i === 5);
    progress.stop();
    const lines = out.text().trimEnd().split('\n');
    expect(lines[0]).toBe('people: 0/8 tests …');
    expect(lines.slice(1).map((l) => l.replace(/, \S+ elapsed(, ETA \S+)?$/, ''))).toEqual([
      'people: 2/8 tests, 0 error(s)',
      'people: 4/8 tests, 0 error(s)',
      'people: 6/8 tests, 1 error(s)',
      'people: 8/8 tests, 1 error(s)',
    ]);
    expect(lines.at(-1)).toMatch(/ETA done$/);
  });

  it('on a terminal: one bar per domain with tests done of total, errors and ETA', () => {
    const out = capture(true);
    const progress = createEvalProgress(out.stream, ['people', 'control']);
    progress.start('people', 4);
    progress.start('control', 2);
    for (let i = 0; i < 4; i++) progress.testDone('people', i === 0);
    progress.testDone('control', false);
    progress.log('a line above the bars');
    progress.stop();
    const text = out.text();
    expect(text).toMatch(/people +\|[█░]+\| 4\/4 tests \| 1 error\(s\) \| \S+ \| ETA done/);
    // One answer is no rate: no ETA yet.
    expect(text).toMatch(/control +\|[█░]+\| 1\/2 tests \| 0 error\(s\) \| \S+\s*$/m);
    expect(text).not.toMatch(/control .*ETA/);
    expect(text).toContain('a line above the bars');
  });

  it('gives no ETA until a rate is known: the slow first answer of a large eval is not extrapolated', () => {
    const started = 0;
    // The first of 6120 tests finished after 3 minutes (start-up): no ETA, where 3 min × 6119 once printed "ETA 324h".
    const c = { total: 6120, done: 1, errors: 0, started, firstDoneAt: 180_000 };
    expect(progressText('people', c, 180_000)).toBe('people: 1/6120 tests, 0 error(s), 3m00s elapsed');
    for (const done of [2, RATE_SAMPLE]) expect(progressText('people', { ...c, done }, 190_000)).not.toContain('ETA');
    // From RATE_SAMPLE answers after the first on, the rate since the first answer: 10 answers in 10 s, 6109 left → 1h41m.
    expect(progressText('people', { ...c, done: RATE_SAMPLE + 1 }, 190_000)).toBe(`people: ${RATE_SAMPLE + 1}/6120 tests, 0 error(s), 3m10s elapsed, ETA 1h41m`);
    expect(progressText('people', { ...c, done: 6120 }, 900_000)).toMatch(/, ETA done$/);
    // A small domain is done before any rate: its lines never guess.
    expect(progressText('tiny', { total: 3, done: 2, errors: 0, started, firstDoneAt: 1 }, 5)).toBe('tiny: 2/3 tests, 0 error(s), 0s elapsed');
  });
});
