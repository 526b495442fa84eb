/**
 * Runs `promptfoo eval` on a suite file as a child process, exactly as a
 * person would from the command line, so the eval lands in promptfoo's
 * database (PROMPTFOO_CONFIG_DIR is honoured) and shows in `promptfoo view`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { displayPath } from '../foundation/display-path.ts';
import { readTextFile } from '../domain/read-text-file.ts';
import { UserError } from '../foundation/errors.ts';
import { addExitCleanup } from '../foundation/exit-cleanup.ts';
import { waitForExitSync } from '../foundation/process-exit.ts';
import { REPORT_HOOK_ENV } from './eval-hook.ts';
import type { PromptfooResultLike } from '../report/summary.ts';
import { SUITE_TAG } from '../suites/suite-tag.ts';
import { PROGRESS_FD, PROGRESS_FD_ENV, progressReader } from './progress-channel.ts';
import { PROMPTFOO_NODE_ARGS, promptfooEnv } from './promptfoo-env.ts';

const require = createRequire(import.meta.url);
// The package exports no ./package.json; its main entry sits beside the CLI entry point.
export const PROMPTFOO_BIN = path.join(path.dirname(require.resolve('promptfoo')), 'entrypoint.js');

export interface PromptfooOutput {
  evalId: string | null;
  results: PromptfooResultLike[];
  /**
   * Whether the eval ran to its end: promptfoo records an eval's duration
   * (`results.stats.durationMs`) only when it finishes, never for one
   * interrupted (Ctrl-C, a kill) whose partial results stay in its database.
   * A file in an older format, without stats, counts as finished.
   */
  finished: boolean;
  /** The generated suite it ran (its config's SUITE_TAG): a domain's checkpoints or extra columns are suites of their own. Null for an eval of an older or hand-written config. */
  suite: string | null;
}

/** Reads a promptfoo `-o results.json` file (the shape `promptfoo eval -o` and `promptfoo export` write). */
export function readPromptfooOutput(file: string): PromptfooOutput {
  // Read as a person's file: a FIFO or a folder named like a results file is an error, never a wait.
  const text = readTextFile(file, displayPath(file), 'promptfoo results file');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UserError(`${displayPath(file)}: not a promptfoo results file (${(err as Error).message})`);
  }
  const d = data as { evalId?: string; config?: { tags?: Record<string, unknown> }; results?: { results?: unknown; stats?: { durationMs?: unknown } } | unknown[] };
  const results = Array.isArray(d.results) ? d.results : d.results?.results;
  if (!Array.isArray(results))
    throw new UserError(`${file}: not a promptfoo results file; expected "results.results" to be a list (write one with promptfoo eval -o file.json)`);
  const stats = Array.isArray(d.results) ? undefined : d.results?.stats;
  const suite = d.config?.tags?.[SUITE_TAG];
  return { evalId: d.evalId ?? null, results: results as PromptfooResultLike[], finished: stats === undefined || typeof stats.durationMs === 'number', suite: typeof suite === 'string' ? suite : null };
}

/**
 * Ends a promptfoo child with this process (Ctrl-C, SIGTERM, exit), so none
 * outlives the command that started it. It waits (briefly) for the child to
 * end: a promptfoo stopping gracefully still writes its output file, and would
 * make again the temporary folder the next clean-up removes.
 */
export function stopOnExit(child: ChildProcess): () => void {
  return addExitCleanup(() => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    child.kill('SIGTERM');
    if (!waitForExitSync(child.pid, 3000)) {
      child.kill('SIGKILL');
      waitForExitSync(child.pid, 1000);
    }
  });
}

export interface RunOptions {
  /** Extra command-line arguments, e.g. ['--no-cache']. */
  args?: string[];
  env?: NodeJS.ProcessEnv;
  /** Receives promptfoo's own output lines (stdout and stderr). */
  onOutput?: (line: string) => void;
  /** Called as each test finishes (through the suite's extension hook), with whether it errored. */
  onTestDone?: (errored: boolean) => void;
}

export async function runPromptfooEval(suiteFile: string, outFile: string, options: RunOptions = {}): Promise<PromptfooOutput> {
  const args = [...PROMPTFOO_NODE_ARGS, PROMPTFOO_BIN, 'eval', '-c', suiteFile, '-o', outFile, '--no-progress-bar', '--no-table', ...(options.args ?? [])];
  const log: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    // The caller writes one report for all its suites: the suite's hook must not write one per suite.
    const env: NodeJS.ProcessEnv = { ...promptfooEnv(options.env ?? process.env), [REPORT_HOOK_ENV]: 'off', [PROGRESS_FD_ENV]: String(PROGRESS_FD) };
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    const channel = child.stdio[PROGRESS_FD] as NodeJS.ReadableStream;
    channel.on('data', progressReader(options.onTestDone ?? (() => {})));
    const unregister = stopOnExit(child);
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line.trim()) continue;
        log.push(line);
        options.onOutput?.(line);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('error', (err) => (unregister(), reject(err)));
    child.on('close', (code) => (unregister(), resolve(code)));
  });
  // promptfoo exits 100 when some tests fail: that is a result, not an error.
  if ((code !== 0 && code !== 100) || !existsSync(outFile)) {
    throw new UserError(`promptfoo eval -c ${suiteFile} failed (exit ${code}):\n${log.slice(-15).join('\n')}`);
  }
  return readPromptfooOutput(outFile);
}
