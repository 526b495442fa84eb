/**
 * The judge emulator as a person starts it (`npm run emulator -- judge`), in
 * a child process: tests that run promptfoo synchronously need the server
 * outside their own event loop. Requests are counted at the emulator (GET /stats).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../lib/foundation/project-root.ts';

export interface JudgeEmulatorProcess {
  /** The variables its `export` lines set, e.g. OPENAI_BASE_URL. */
  env: Record<string, string>;
  /** The lines it printed on stdout, in order. */
  exportLines: string[];
  chatRequests(): Promise<number>;
  stop(): Promise<void>;
}

export async function startJudgeEmulatorProcess(args: string[] = []): Promise<JudgeEmulatorProcess> {
  const tsx = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
  const child: ChildProcess = spawn(tsx, [path.join(PROJECT_ROOT, 'scripts', 'emulator.ts'), 'judge', ...args], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exportLines = await new Promise<string[]>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`judge emulator did not start:\n${stderr}`)), 30_000);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const lines = out.split('\n');
      if (lines.length > 3) {
        clearTimeout(timer);
        resolve(lines.slice(0, 3));
      }
    });
    child.on('exit', (code) => reject(new Error(`judge emulator exited ${code}:\n${stderr}`)));
  });
  const env = Object.fromEntries(exportLines.map((l) => /^export ([A-Z_]+)=(.*)$/.exec(l)!.slice(1, 3) as [string, string]));
  const base = env.OPENAI_BASE_URL!.replace(/\/v1$/, '');
  return {
    env,
    exportLines,
    async chatRequests() {
      const r = await fetch(`${base}/stats`);
      return ((await r.json()) as { chatRequests: number }).chatRequests;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
