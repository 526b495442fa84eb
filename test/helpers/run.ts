/**
 * Helpers for the few tests that run the real processes a person starts (npm
 * start, a script's bin, npx promptfoo); most tests call a command's
 * main(argv, io) in-process instead (./command.ts).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../lib/foundation/project-root.ts';

export function tempDir(prefix = 'ftbench-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a project script with tsx (what `npm run <script>` does), from the project root. */
export function runScript(script: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): RunResult {
  const tsx = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
  const r = spawnSync(tsx, [path.join(PROJECT_ROOT, 'scripts', script), ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 300_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs `npm <args>` from the project root, as a person types it (e.g. ['start', '--', '--only', 'x']). */
export function runNpm(args: string[], env: NodeJS.ProcessEnv = {}): RunResult {
  const r = spawnSync('npm', ['--silent', ...args], { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 300_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the promptfoo CLI installed with the project. */
export function runPromptfoo(args: string[], env: NodeJS.ProcessEnv = {}): RunResult {
  const bin = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'promptfoo');
  const r = spawnSync(bin, args, { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 300_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** runPromptfoo without blocking this process, so an emulator running in the test keeps answering promptfoo's calls. */
export function runPromptfooAsync(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  const bin = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'promptfoo');
  const child = spawn(bin, args, { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface StartedScript {
  child: ChildProcess;
  /** Resolves when the process (and its group) has exited. */
  result: Promise<RunResult>;
  /** Kills the script and every process it started (tsx runs node as a child). */
  kill(signal?: NodeJS.Signals): void;
}

/**
 * Starts a project script without blocking this process, so a server running
 * in the test (an emulator) keeps answering it. The script leads its own
 * process group, so `kill` reaches tsx's child too.
 */
export function startScript(script: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): StartedScript {
  const tsx = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
  const child = spawn(tsx, [path.join(PROJECT_ROOT, 'scripts', script), ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const result = new Promise<RunResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return {
    child,
    result,
    kill(signal = 'SIGKILL') {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // already gone
      }
    },
  };
}
