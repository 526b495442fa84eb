/**
 * `npm run view`: promptfoo's web viewer on the project's database
 * (PROMPTFOO_CONFIG_DIR honoured), started with the offline environment every
 * promptfoo run of the project gets (no telemetry, no update check, no share
 * prompt, no runtime banner) and without Node's ExperimentalWarning (promptfoo
 * 0.121.20 triggers one from undici). Its pages fit the results table to the
 * window (viewer-table.css, added by offline-preload.mjs). It opens no
 * browser: it says the URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../foundation/errors.ts';
import { reportsRoot } from '../report/write-report.ts';
import { PROMPTFOO_NODE_ARGS, promptfooEnv } from './promptfoo-env.ts';
import { PROMPTFOO_BIN } from './run-promptfoo.ts';

export const DEFAULT_VIEWER_PORT = 15500;

export function parsePort(text: string | undefined): number {
  if (text === undefined) return DEFAULT_VIEWER_PORT;
  const port = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isInteger(port) || port < 1 || port > 65535) throw new UserError(`--port: expected a port number from 1 to 65535, got ${JSON.stringify(text)}`);
  return port;
}

export interface RunningViewer {
  url: string;
  child: ChildProcess;
  /** Resolves with promptfoo's exit code when the viewer stops. */
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): void;
}

/** Starts the viewer and resolves once it listens; rejects with promptfoo's own words when it cannot start. */
export function startViewer(port: number, env: NodeJS.ProcessEnv = process.env, onOutput: (line: string) => void = () => {}): Promise<RunningViewer> {
  const child = spawn(process.execPath, [...PROMPTFOO_NODE_ARGS, PROMPTFOO_BIN, 'view', '--port', String(port), '--no'], {
    // The viewer's pages get a policy that keeps its built-in browser analytics from loading,
    // and the stylesheet that fits the results table to the window (offline-preload.mjs).
    env: { ...promptfooEnv(env), FTBENCH_VIEWER: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const output: string[] = [];
    let url: string | null = null;
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line.trim()) continue;
        const m = /Server running at (http:\/\/\S+)/.exec(line);
        if (m && !url) {
          url = m[1]!.replace(/\/$/, '');
          resolve({ url, child, exited, stop: (signal = 'SIGTERM') => void child.kill(signal) });
        } else if (url) onOutput(line);
        else output.push(line);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
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
    const summary = JSON.parse(readFileSync(file, 'utf8')) as { evals?: { domain?: string; evalId?: string | null }[] };
    return (summary.evals ?? []).flatMap((e) => (e.evalId ? [`${e.domain}: ${url}/eval/${encodeURIComponent(e.evalId)}`] : []));
  } catch {
    return [];
  }
}
