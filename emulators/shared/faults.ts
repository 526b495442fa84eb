// Seeded, deterministic fault injection: the same seed and the same sequence
// of requests yield the same faults, so a flaky-looking failure can be replayed.
import { mulberry32 } from './prng.ts';

export interface FaultOptions {
  /** Probability (0..1) that a request is answered 429 rate_limit_exceeded. */
  rate429?: number;
  /** Probability (0..1) that a request is answered 500 server_error. */
  rate500?: number;
  /** Probability (0..1) that the socket is destroyed without any answer. */
  dropRate?: number;
  /** Value of the 429's Retry-After header, in seconds (fractions allowed). Default 1. */
  retryAfterSeconds?: number;
  /** PRNG seed. Default 1. */
  seed?: number;
  /** Stop injecting after this many faults (e.g. 2 = "fail twice, then recover"). Default unlimited. */
  maxFaults?: number;
  /** Only requests whose `METHOD /v1/path` matches are eligible (e.g. /chat\/completions/). Default all routes. */
  only?: RegExp;
}

export type FaultKind = '429' | '500' | 'drop';

export interface FaultRecord {
  kind: FaultKind;
  method: string;
  path: string;
  /** Index (0-based) of the request among those the injector was asked about. */
  requestIndex: number;
}

export class FaultInjector {
  private random: () => number;
  private asked = 0;
  private count = 0;

  /** `log` receives a record of every fault injected. */
  constructor(
    readonly options: FaultOptions = {},
    private readonly log: FaultRecord[] = [],
  ) {
    for (const key of ['rate429', 'rate500', 'dropRate'] as const) {
      const p = options[key];
      if (p !== undefined && !(p >= 0 && p <= 1)) throw new RangeError(`faults.${key} must be between 0 and 1, got ${p}`);
    }
    this.random = mulberry32(options.seed ?? 1);
  }

  get retryAfterSeconds(): number {
    return this.options.retryAfterSeconds ?? 1;
  }

  /** Decide the fate of one request. One PRNG draw per eligible request keeps the schedule stable. */
  decide(method: string, path: string): FaultKind | undefined {
    const { rate429 = 0, rate500 = 0, dropRate = 0, maxFaults = Infinity, only } = this.options;
    if (only && !only.test(`${method} ${path}`)) return undefined;
    const requestIndex = this.asked++;
    const r = this.random();
    if (this.count >= maxFaults) return undefined;
    let kind: FaultKind | undefined;
    if (r < rate429) kind = '429';
    else if (r < rate429 + rate500) kind = '500';
    else if (r < rate429 + rate500 + dropRate) kind = 'drop';
    if (kind) {
      this.count++;
      this.log.push({ kind, method, path, requestIndex });
    }
    return kind;
  }
}
