// --latency-ms: every request is answered this much later, as a remote
// model takes time to answer; `npm run bench:eval` measures a provider's
// overhead against it.
import type { RequestHandler } from 'express';

/** Express middleware holding each request `ms` before it is handled (nothing when ms is 0). */
export function responseLatency(ms: number): RequestHandler {
  return (_req, _res, next) => {
    if (ms > 0) setTimeout(next, ms);
    else next();
  };
}
