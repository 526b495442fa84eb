/**
 * Reads evals back from promptfoo's database through its own command line
 * (`promptfoo list evals --ids-only`, `promptfoo export eval <id>`), so it
 * reads whatever database PROMPTFOO_CONFIG_DIR names, in whatever schema the
 * installed promptfoo writes.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { UserError } from '../foundation/errors.ts';
import { withTempFolder } from '../foundation/temp-folder.ts';
import { PROMPTFOO_NODE_ARGS, promptfooEnv } from './promptfoo-env.ts';
import { PROMPTFOO_BIN, readPromptfooOutput, stopOnExit, type PromptfooOutput } from './run-promptfoo.ts';

function runPromptfooCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...PROMPTFOO_NODE_ARGS, PROMPTFOO_BIN, ...args], { env: promptfooEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    const unregister = stopOnExit(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', (err) => (unregister(), reject(err)));
    child.on('close', (code) => (unregister(), resolve({ code, stdout, stderr })));
  });
}

function databaseName(env: NodeJS.ProcessEnv): string {
  return env.PROMPTFOO_CONFIG_DIR ? `PROMPTFOO_CONFIG_DIR=${env.PROMPTFOO_CONFIG_DIR}` : '~/.promptfoo';
}

/** Ids of the newest `limit` evals, newest first. */
export async function listEvalIds(limit: number, env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const r = await runPromptfooCli(['list', 'evals', '--ids-only', '-n', String(limit)], env);
  if (r.code !== 0) throw new UserError(`promptfoo list evals failed (exit ${r.code}) on ${databaseName(env)}:\n${r.stderr.trim()}`);
  return r.stdout
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^eval-\S+$/.test(l));
}

/** One eval, as `promptfoo export eval` writes it. */
export async function exportEval(evalId: string, env: NodeJS.ProcessEnv = process.env): Promise<PromptfooOutput> {
  return withTempFolder('ftbench-export-', async (dir) => {
    const file = path.join(dir, 'eval.json');
    const r = await runPromptfooCli(['export', 'eval', evalId, '-o', file], env);
    if (r.code !== 0) throw new UserError(`promptfoo export eval ${evalId} failed (exit ${r.code}):\n${r.stderr.trim()}`);
    return readPromptfooOutput(file);
  });
}

export interface StoredEval extends PromptfooOutput {
  evalId: string;
  domains: string[];
}

function domainOf(r: PromptfooOutput['results'][number]): string {
  return String(r.testCase?.metadata?.domain ?? r.metadata?.domain ?? 'unknown');
}

function domainsOf(out: PromptfooOutput): string[] {
  return [...new Set(out.results.map(domainOf))].sort();
}

/** An eval left out of a reading of the database: interrupted (no duration recorded), with what it held. */
export interface SkippedEval {
  evalId: string;
  results: number;
}

/**
 * The latest finished eval of each domain's suite among the newest `last`
 * evals in the database: an eval's results for a domain are kept when no
 * newer finished eval of the same suite holds that domain (a suite is a
 * domain's main suite, or its checkpoints or extra columns, by the eval's
 * SUITE_TAG; an untagged eval counts as the main suite), so after `npm start` (one eval per
 * domain) it is that run's evals, and after `npm start -- --only x` it is x's
 * new eval beside the others' previous ones. Interrupted evals (promptfoo
 * keeps their partial results) are skipped and listed in `incomplete`.
 */
export async function latestEvalsByDomain(last: number, env: NodeJS.ProcessEnv = process.env): Promise<{ evals: StoredEval[]; incomplete: SkippedEval[] }> {
  const ids = await listEvalIds(last, env);
  if (ids.length === 0) throw new UserError(`no evals in promptfoo's database (${databaseName(env)}); run npm start, or give a results file`);
  // Two exports at a time: each is a promptfoo process of its own.
  const exported: StoredEval[] = new Array(ids.length);
  for (let i = 0; i < ids.length; i += 2) {
    const batch = ids.slice(i, i + 2);
    const outs = await Promise.all(batch.map((id) => exportEval(id, env)));
    outs.forEach((out, j) => (exported[i + j] = { ...out, evalId: batch[j]!, domains: domainsOf(out) }));
  }
  const incomplete = exported.filter((e) => !e.finished).map((e) => ({ evalId: e.evalId, results: e.results.length }));
  const seen = new Set<string>();
  const kept: StoredEval[] = [];
  for (const e of exported.filter((x) => x.finished)) {
    const suiteOf = (d: string) => JSON.stringify([d, e.suite ?? d]);
    const fresh = e.domains.filter((d) => !seen.has(suiteOf(d)));
    if (fresh.length) kept.push({ ...e, domains: fresh, results: e.results.filter((r) => fresh.includes(domainOf(r))) });
    for (const d of e.domains) seen.add(suiteOf(d));
  }
  if (kept.length === 0)
    throw new UserError(`no finished eval among the newest ${ids.length} in promptfoo's database (${databaseName(env)}): ${incomplete.length} were interrupted; run npm start again, or raise --last`);
  return { evals: kept, incomplete };
}
