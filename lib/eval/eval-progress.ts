/**
 * Progress while suites are evaluated: on a terminal, one cli-progress bar
 * per domain (tests done of total, errors, elapsed, ETA), kept on screen when
 * the domain is done; otherwise (a pipe, a CI log) plain lines: when a domain
 * starts, at each quarter or at most every 30 s, and when it ends.
 *
 * No ETA until a rate is known: the first answer carries the start-up (the
 * provider's first call, promptfoo's concurrency filling up), so the rate is
 * measured from it on, over at least RATE_SAMPLE answers after it; before
 * that the line says nothing of the time left (one slow first answer of a
 * large eval once extrapolated to "ETA 324h00m").
 */
import cliProgress from 'cli-progress';
import { formatDuration } from '../foundation/duration.ts';

export interface EvalProgress {
  start(domain: string, total: number): void;
  testDone(domain: string, errored: boolean): void;
  /** A line printed above the bars (or as a plain line). */
  log(line: string): void;
  stop(): void;
}

export interface Count {
  total: number;
  done: number;
  errors: number;
  started: number;
  /** When the first test finished: the rate is measured from here. */
  firstDoneAt?: number;
}

/** Answers after the first that make a rate worth extrapolating. */
export const RATE_SAMPLE = 10;

/** `ETA 3m10s`, `ETA done`, or null while no rate is known. */
function eta(c: Count, now: number): string | null {
  if (c.done >= c.total) return 'ETA done';
  const measured = c.done - 1;
  if (c.firstDoneAt === undefined || measured < RATE_SAMPLE) return null;
  return `ETA ${formatDuration(((now - c.firstDoneAt) / measured) * (c.total - c.done))}`;
}

/** Counts one finished test. */
function countDone(c: Count, errored: boolean, now: number): void {
  c.done++;
  if (errored) c.errors++;
  c.firstDoneAt ??= now;
}

export function progressText(domain: string, c: Count, now = Date.now()): string {
  const left = eta(c, now);
  return `${domain}: ${c.done}/${c.total} tests, ${c.errors} error(s), ${formatDuration(now - c.started)} elapsed${left ? `, ${left}` : ''}`;
}

class LineProgress implements EvalProgress {
  private readonly counts = new Map<string, Count & { lastAt: number; lastQuarter: number }>();
  constructor(private readonly stream: NodeJS.WritableStream) {}

  start(domain: string, total: number): void {
    const now = Date.now();
    this.counts.set(domain, { total, done: 0, errors: 0, started: now, lastAt: now, lastQuarter: 0 });
    this.log(`${domain}: 0/${total} tests …`);
  }

  testDone(domain: string, errored: boolean): void {
    const c = this.counts.get(domain);
    if (!c) return;
    const now = Date.now();
    countDone(c, errored, now);
    const quarter = Math.floor((4 * c.done) / Math.max(1, c.total));
    if (c.done === c.total || quarter > c.lastQuarter || now - c.lastAt >= 30_000) {
      c.lastQuarter = quarter;
      c.lastAt = now;
      this.log(progressText(domain, c, now));
    }
  }

  log(line: string): void {
    this.stream.write(`${line}\n`);
  }

  stop(): void {}
}

class BarProgress implements EvalProgress {
  private readonly multi: cliProgress.MultiBar;
  private readonly bars = new Map<string, { bar: cliProgress.SingleBar; count: Count }>();

  constructor(stream: NodeJS.WritableStream, private readonly width: number) {
    this.multi = new cliProgress.MultiBar(
      {
        stream,
        format: '{name} |{bar}| {value}/{total} tests | {errors} error(s) | {elapsed}{left}',
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

  private payload(domain: string, c: Count) {
    const now = Date.now();
    // `left`, not `eta`: cli-progress fills {eta} itself, in seconds (from the first answer, start-up included).
    const left = eta(c, now);
    return { name: domain.slice(0, this.width).padEnd(this.width), errors: c.errors, elapsed: formatDuration(now - c.started), left: left ? ` | ${left}` : '' };
  }

  start(domain: string, total: number): void {
    const count: Count = { total, done: 0, errors: 0, started: Date.now() };
    this.bars.set(domain, { bar: this.multi.create(Math.max(1, total), 0, this.payload(domain, count)), count });
  }

  testDone(domain: string, errored: boolean): void {
    const b = this.bars.get(domain);
    if (!b) return;
    countDone(b.count, errored, Date.now());
    b.bar.update(b.count.done, this.payload(domain, b.count));
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

/** Bars on a terminal, plain lines elsewhere. `domains` sizes the name column. */
export function createEvalProgress(stream: NodeJS.WritableStream & { isTTY?: boolean }, domains: readonly string[]): EvalProgress {
  const width = Math.min(40, Math.max(8, ...domains.map((d) => d.length)));
  return stream.isTTY ? new BarProgress(stream, width) : new LineProgress(stream);
}
