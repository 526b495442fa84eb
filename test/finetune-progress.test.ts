/**
 * What `npm run finetune -- wait` shows while it polls (lib/finetune/progress-view.ts):
 * a bar per run on a terminal, plain lines otherwise.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgressView } from '../lib/finetune/progress-view.ts';
import type { RunRecord } from '../lib/ledger/run-record.ts';

function capture(tty: boolean) {
  const stream = Object.assign(new PassThrough(), tty ? { isTTY: true, columns: 160, rows: 40 } : {});
  let text = '';
  stream.on('data', (d: Buffer) => (text += d.toString()));
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => text };
}

/** A run of `name` at `step` of 10, as the ledger holds it while its job runs. */
function running(name: string, step: number): RunRecord {
  const at = new Date().toISOString();
  return {
    key: '0123456789abcdef',
    name,
    state: 'running',
    createdAt: at,
    statusHistory: [{ state: 'running', rawStatus: 'running', at }],
    progress: { step, totalSteps: 10, trainLoss: 0.5, at },
    job: { id: 'ftjob-1', state: 'running', rawStatus: 'running', tunedModel: null, trainedTokens: null, createdAt: at, finishedAt: null, estimatedFinish: null, error: null },
  } as unknown as RunRecord;
}

describe('progress while waiting for fine-tuning jobs', () => {
  it('on a terminal: the bar, and a line logged just before the wait ends is still printed', () => {
    const out = capture(true);
    const view = createProgressView(out.stream, ['people-run']);
    view.update(running('people-run', 3));
    // Logged within the bars' redraw interval (200 ms) before stop(): cli-progress alone would drop it.
    view.log('people-run: HTTP 429 (still waiting)');
    view.stop();
    expect(out.text()).toMatch(/people-run +\|[█░]+\| running +\| step 3\/10 \| loss 0\.500/);
    expect(out.text()).toContain('people-run: HTTP 429 (still waiting)');
  });

  it('without a terminal: one line per change, and logged lines as they come', () => {
    const out = capture(false);
    const view = createProgressView(out.stream, ['people-run']);
    view.update(running('people-run', 3));
    view.log('people-run: HTTP 429 (still waiting)');
    view.stop();
    const lines = out.text().trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d people-run: running step 3\/10 loss 0\.500 elapsed 0s ETA/);
    expect(lines[1]).toMatch(/^\d\d:\d\d:\d\d people-run: HTTP 429 \(still waiting\)$/);
  });
});
