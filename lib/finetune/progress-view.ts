/**
 * Shows runs while `finetune wait` polls them: on a terminal, one live
 * progress bar per job (cli-progress MultiBar: status, step of total, train
 * loss, elapsed, ETA); otherwise (a pipe, a CI log) one plain line whenever a
 * run's status changes, and at most every 30 s while its steps advance.
 */
import cliProgress from 'cli-progress';
import { formatDuration } from '../foundation/duration.ts';
import type { RunRecord } from '../ledger/run-record.ts';

export interface ProgressView {
  update(record: RunRecord): void;
  /** A message printed above the bars (or as a line). */
  log(line: string): void;
  stop(): void;
}

export interface RunProgress {
  status: string;
  step: number;
  total: number;
  loss: string;
  elapsed: string;
  eta: string;
}

/** What a progress line shows for a record, as of `now`. */
export function describeProgress(record: RunRecord, now = Date.now()): RunProgress {
  const job = record.job;
  const status = job && job.state === 'unknown' ? `${job.rawStatus} (unknown status)` : record.state;
  const step = record.progress?.step ?? 0;
  const total = record.progress?.totalSteps ?? 0;
  const started = Date.parse(job?.createdAt ?? record.createdAt);
  const finished = job?.finishedAt ? Date.parse(job.finishedAt) : null;
  let eta = '?';
  if (finished !== null || record.state === 'succeeded') eta = 'done';
  else if (['failed', 'cancelled'].includes(record.state)) eta = '-';
  else if (job?.estimatedFinish) eta = formatDuration(Date.parse(job.estimatedFinish) - now);
  else {
    const runningSince = record.statusHistory.find((h) => h.state === 'running')?.at;
    if (runningSince && step > 0 && total > step) eta = formatDuration(((now - Date.parse(runningSince)) / step) * (total - step));
  }
  return {
    status,
    step,
    total,
    loss: record.progress?.trainLoss === null || record.progress?.trainLoss === undefined ? '-' : record.progress.trainLoss.toFixed(3),
    elapsed: formatDuration((finished ?? now) - started),
    eta,
  };
}

export function progressLine(record: RunRecord, now = Date.now()): string {
  const p = describeProgress(record, now);
  const steps = p.total ? ` step ${p.step}/${p.total}` : '';
  const tuned = record.job?.tunedModel ? ` → ${record.job.tunedModel}` : '';
  const error = record.state === 'failed' && record.job?.error ? `: ${record.job.error}` : '';
  return `${record.name}: ${p.status}${steps} loss ${p.loss} elapsed ${p.elapsed} ETA ${p.eta}${tuned}${error}`;
}

class LineView implements ProgressView {
  private last = new Map<string, { state: string; step: number; at: number }>();
  constructor(private readonly stream: NodeJS.WritableStream) {}

  update(record: RunRecord): void {
    const step = record.progress?.step ?? 0;
    const prev = this.last.get(record.key);
    const now = Date.now();
    if (prev && prev.state === record.state && (step === prev.step || now - prev.at < 30_000)) return;
    this.last.set(record.key, { state: record.state, step, at: now });
    this.log(progressLine(record, now));
  }

  log(line: string): void {
    this.stream.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
  }

  stop(): void {}
}

class BarView implements ProgressView {
  private readonly multi: cliProgress.MultiBar;
  private readonly bars = new Map<string, cliProgress.SingleBar>();
  private readonly width: number;

  constructor(stream: NodeJS.WritableStream, names: string[]) {
    this.width = Math.min(48, Math.max(8, ...names.map((n) => n.length)));
    this.multi = new cliProgress.MultiBar(
      {
        stream,
        format: '{name} |{bar}| {status} | step {value}/{total} | loss {loss} | {elapsed} | ETA {eta}',
        barsize: 24,
        hideCursor: true,
        clearOnComplete: false,
        stopOnComplete: false,
        autopadding: true,
        fps: 5,
      },
      cliProgress.Presets.shades_classic,
    );
  }

  update(record: RunRecord): void {
    const p = describeProgress(record);
    const payload = { name: record.name.slice(0, this.width).padEnd(this.width), status: p.status.padEnd(10), loss: p.loss, elapsed: p.elapsed, eta: p.eta };
    let bar = this.bars.get(record.key);
    if (!bar) this.bars.set(record.key, (bar = this.multi.create(Math.max(1, p.total), p.step, payload)));
    if (p.total) bar.setTotal(p.total);
    bar.update(p.step, payload);
  }

  log(line: string): void {
    this.multi.log(`${line}\n`);
  }

  stop(): void {
    // stop() draws the bars but drops lines logged since the last redraw: draw once more first.
    this.multi.update();
    this.multi.stop();
  }
}

export function createProgressView(stream: NodeJS.WritableStream & { isTTY?: boolean }, names: string[]): ProgressView {
  return stream.isTTY ? new BarView(stream, names) : new LineView(stream);
}
