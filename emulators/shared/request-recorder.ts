// Every request an emulator receives ends up in its traffic log, with one log
// line, when it ends: answered, or dropped on purpose (an injected fault) or
// by the client.
import type { Request, RequestHandler } from 'express';
import { EMULATOR_HEADER } from '../../lib/foundation/emulator-header.ts';
import type { TrafficLog } from './traffic-log.ts';

export interface RequestRecorder {
  /** Express middleware to install before any route. */
  middleware: RequestHandler;
  /** Ends `req` without an answer (a dropped connection), recorded as such right away. */
  drop(req: Request): void;
}

export function requestRecorder(traffic: Pick<TrafficLog, 'requests'>, options: { headers?(): Record<string, string>; log?: (line: string) => void }): RequestRecorder {
  const finishers = new WeakMap<Request, (status: number | 'dropped') => void>();
  return {
    middleware(req, res, next) {
      const startedAt = Date.now();
      // Every answer says it is emulated, so no report passes its numbers off as a real model's.
      res.set(EMULATOR_HEADER, '1');
      if (options.headers) res.set(options.headers());
      let done = false;
      const finish = (status: number | 'dropped'): void => {
        if (done) return;
        done = true;
        const durationMs = Date.now() - startedAt;
        traffic.requests.push({ method: req.method, path: req.path, status, durationMs });
        options.log?.(`${req.method} ${req.originalUrl} ${status} ${durationMs}ms`);
      };
      finishers.set(req, finish);
      res.on('finish', () => finish(res.statusCode));
      res.on('close', () => finish(res.writableFinished ? res.statusCode : 'dropped'));
      next();
    },
    drop(req) {
      finishers.get(req)?.('dropped');
      req.socket.destroy();
    },
  };
}
