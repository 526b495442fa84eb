/**
 * One `promptfoo eval` as a child process, timed for the benchmarks
 * (bench:eval, bench:retrieval): its wall time, and the CPU time and peak
 * memory the child itself reports as it exits (a probe loaded with --import),
 * with its results' count and how many errored.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { PROMPTFOO_BIN } from '../../lib/eval/run-promptfoo.ts';

/** Loaded into the promptfoo process: says, as it exits, its CPU time (µs) and peak memory (KiB). */
const PROBE = `data:text/javascript,${encodeURIComponent(
  "process.on('exit', () => { const u = process.cpuUsage(); process.stderr.write(`\\nftbench-probe ${u.user + u.system} ${process.resourceUsage().maxRSS}\\n`); });",
)}`;

export interface EvalTime {
  seconds: number;
  cpuSeconds: number;
  peakMiB: number;
  results: number;
  errors: number;
}

export interface TimedEvalOptions {
  suiteFile: string;
  outFile: string;
  env: NodeJS.ProcessEnv;
  /** Node options before promptfoo's entry point (e.g. the ones npm start gives it). */
  nodeArgs?: readonly string[];
  /** More `promptfoo eval` arguments (e.g. ['-j', '4']). */
  evalArgs?: readonly string[];
}

export async function timePromptfooEval(o: TimedEvalOptions): Promise<EvalTime> {
  const args = [...(o.nodeArgs ?? []), '--import', PROBE, PROMPTFOO_BIN, 'eval', '-c', o.suiteFile, '-o', o.outFile, ...(o.evalArgs ?? []), '--no-cache', '--no-progress-bar', '--no-table'];
  const started = process.hrtime.bigint();
  const { code, log } = await new Promise<{ code: number | null; log: string }>((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: o.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr.on('data', (d: Buffer) => (log += d.toString()));
    child.on('error', reject);
    child.on('close', (c) => resolve({ code: c, log }));
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (code !== 0 && code !== 100) throw new Error(`promptfoo eval -c ${o.suiteFile} exited ${code}:\n${log.split('\n').slice(-15).join('\n')}`);
  // failureReason 2 is promptfoo's ERROR (a provider or grader error), as opposed to a failed assertion.
  const results = (JSON.parse(readFileSync(o.outFile, 'utf8')) as { results: { results: { failureReason?: number }[] } }).results.results;
  const probe = /ftbench-probe (\d+) (\d+)/.exec(log);
  return {
    seconds,
    cpuSeconds: probe ? Number(probe[1]) / 1e6 : NaN,
    peakMiB: probe ? Number(probe[2]) / 1024 : NaN,
    results: results.length,
    errors: results.filter((r) => r.failureReason === 2).length,
  };
}
