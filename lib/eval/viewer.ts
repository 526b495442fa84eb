/**
 * `npm run view`: promptfoo's web viewer on the project's database
 * (PROMPTFOO_CONFIG_DIR honoured), started with the offline environment every
 * promptfoo run of the project gets (no telemetry, no update check, no share
 * prompt, no runtime banner) and without Node's ExperimentalWarning (promptfoo
 * 0.121.20 triggers one from undici). Its pages fit the results table to the
 * window (viewer-table.css, added by offline-preload.mjs). It is local and
 * read-only (viewer-guard.mjs, preloaded into promptfoo: loopback only, 403 to
 * other hosts and origins and to every API route not reviewed as read-only in
 * viewer-routes.json). It opens no browser: it says the URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { UserError } from '../foundation/errors.ts';
import { reportsRoot } from '../report/write-report.ts';
import { PROMPTFOO_NODE_ARGS, promptfooEnv } from './promptfoo-env.ts';
import { PROMPTFOO_BIN } from './run-promptfoo.ts';

export const DEFAULT_VIEWER_PORT = 15500;

/** Hosts that mean "every interface" to listen(). */
export function isWildcardHost(host: string): boolean {
  return host === '0.0.0.0' || /^[0:]+$/.test(host);
}

/** The review of promptfoo's API routes that the viewer's guard enforces: `METHOD /path` → why. */
export interface ReviewedRoutes {
  promptfoo: string;
  served: Record<string, string>;
  refused: Record<string, string>;
}

export const REVIEWED_ROUTES_FILE = new URL('./viewer-routes.json', import.meta.url);

export function reviewedRoutes(): ReviewedRoutes {
  return JSON.parse(readFileSync(REVIEWED_ROUTES_FILE, 'utf8')) as ReviewedRoutes;
}

/** One route of the running promptfoo's API, as its guard decided it. */
export interface ViewerRoute {
  route: string;
  served: boolean;
}

/** The line on which the guard (viewer-guard.mjs ROUTES_LINE) reports promptfoo's route table. */
const ROUTES_LINE = /^ftbench-viewer-routes (\{.*\})$/;

export interface ViewerOptions {
  port: number;
  /** Listen on this address instead of 127.0.0.1 and ::1 (`--host`). */
  host?: string;
}

export interface RunningViewer {
  url: string;
  /** promptfoo's API routes, each served or refused (403). */
  routes: ViewerRoute[];
  child: ChildProcess;
  /** Resolves with promptfoo's exit code when the viewer stops. */
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): void;
}

/** Starts the viewer and resolves once it listens; rejects with promptfoo's (or its guard's) own words when it cannot start. */
export function startViewer({ port, host }: ViewerOptions, env: NodeJS.ProcessEnv = process.env, onOutput: (line: string) => void = () => {}): Promise<RunningViewer> {
  const child = spawn(process.execPath, [...PROMPTFOO_NODE_ARGS, PROMPTFOO_BIN, 'view', '--port', String(port), '--no'], {
    // The viewer's pages get a policy that keeps its built-in browser analytics from loading,
    // the stylesheet that fits the results table to the window, and the guard (offline-preload.mjs).
    env: { ...promptfooEnv(env), FTBENCH_VIEWER: '1', FTBENCH_VIEWER_HOST: host ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const output: string[] = [];
    let url: string | null = null;
    let said: string | null = null;
    let routes: ViewerRoute[] | null = null;
    // The guard reports the route table and promptfoo says its URL, on streams that may interleave.
    const ready = () => {
      if (url || !said || !routes) return;
      // promptfoo says localhost whatever it listens on; a --host other than every interface is not reachable so.
      const actualPort = new URL(said).port;
      url = host && !isWildcardHost(host) ? `http://${isIP(host) === 6 ? `[${host}]` : host}:${actualPort}` : said.replace(/\/$/, '');
      resolve({ url, routes, child, exited, stop: (signal = 'SIGTERM') => void child.kill(signal) });
    };
    const onLine = (line: string) => {
      if (!line.trim()) return;
      const table = ROUTES_LINE.exec(line);
      const running = /Server running at (http:\/\/\S+)/.exec(line);
      if (table && !routes) routes = (JSON.parse(table[1]!) as { routes: ViewerRoute[] }).routes;
      else if (running && !said) said = running[1]!;
      else if (url) onOutput(line);
      else output.push(line);
      ready();
    };
    // Whole lines: the route table is one long line that can arrive in pieces.
    for (const stream of [child.stdout!, child.stderr!]) {
      let partial = '';
      stream.on('data', (chunk: Buffer) => {
        const lines = (partial + chunk.toString()).split('\n');
        partial = lines.pop()!;
        lines.forEach(onLine);
      });
      stream.on('end', () => partial && onLine(partial));
    }
    child.on('error', reject);
    void exited.then((code) => {
      if (!url) reject(new UserError(`promptfoo view --port ${port} stopped before it listened (exit ${code}):\n${output.slice(-10).join('\n')}`));
    });
  });
}

/** The evals of the newest report, as links into the viewer (the viewer shows one eval at a time). */
export function latestEvalLinks(url: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const file = path.join(reportsRoot(env), 'latest', 'summary.json');
  if (!existsSync(file)) return [];
  try {
    const summary = JSON.parse(readFileSync(file, 'utf8')) as { evals?: { domain?: string; evalId?: string | null; suite?: string }[] };
    // A domain's checkpoints (and columns beyond one suite's) are evals of their own: each link is named by its suite.
    const name = (e: { domain?: string; suite?: string }) => (typeof e.suite === 'string' && e.suite.endsWith('.yaml') ? path.basename(e.suite, '.yaml') : e.domain);
    return (summary.evals ?? []).flatMap((e) => (e.evalId ? [`${name(e)}: ${url}/eval/${encodeURIComponent(e.evalId)}`] : []));
  } catch {
    return [];
  }
}
