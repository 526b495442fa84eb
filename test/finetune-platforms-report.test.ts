/**
 * The whole cycle on both new platforms, as the README walks through it, with
 * the Vertex AI and Together AI emulators running in this process:
 *
 *   npm run finetune -- start --platform vertex   --domain fictional-people --model gemini-2.5-flash --epochs 3 --yes
 *   npm run finetune -- start --platform together --domain fictional-people --model meta-llama/Meta-Llama-3.1-8B-Instruct-Reference --epochs 3 --yes
 *   npm run finetune -- wait
 *   npm start
 *
 * The report then sets, for fictional-people, each tuned model beside its
 * base model and its in-context reference (the emulated tuned models are
 * perfect memorizers: 1.0 on memorization, 0 on every rephrasing; the base
 * models know nothing of invented people; with the facts in the prompt they
 * answer everything), and shows the control domain on each tuned model and
 * its base model (locality).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StatementRetrieval } from '../lib/baselines/fact-retrieval.ts';
import { countRetrievalHits } from '../lib/baselines/retrieval-hit-rate.ts';
import { loadDomainFile } from '../lib/domain/load.ts';
import type { Comparison } from '../lib/report/comparison.ts';
import type { DecisionTable } from '../lib/report/decisions.ts';
import type { Summary } from '../lib/report/summary.ts';
import { startTogetherEmulator, type TogetherEmulator } from '../emulators/together/server.ts';
import { startVertexEmulator, type VertexEmulator } from '../emulators/vertex/server.ts';
import { keepFacts } from './helpers/cut-domain.ts';
import { cloudWorkspace, togetherEnv, vertexEnv, type CloudWorkspace } from './helpers/cloud-workspace.ts';
import type { RunResult } from './helpers/run.ts';

const GEMINI = 'gemini-2.5-flash';
const LLAMA = 'meta-llama/Meta-Llama-3.1-8B-Instruct-Reference';
/** Facts of fictional-people the test keeps, and control questions. */
const FACTS = 10;
const CONTROL = 2;

describe('vertex and together runs: start, wait, npm start, tuned vs base vs in-context, and locality', () => {
  let vertex: VertexEmulator;
  let together: TogetherEmulator;
  let w: CloudWorkspace;
  let started: RunResult[];
  let waited: RunResult;
  let report: RunResult;
  let summary: Summary & { comparisons: Comparison[]; decisions?: DecisionTable[] };

  beforeAll(async () => {
    vertex = await startVertexEmulator({ stepMs: 15 });
    together = await startTogetherEmulator({ stepMs: 15 });
    // Two invented people, five facts each (10: the fewest a training file may hold; the one comparison asks about
    // their weights), and two control questions: every split, few questions per column (each costs CPU in promptfoo and the emulators).
    w = cloudWorkspace({ ...vertexEnv(vertex), ...togetherEnv(together) }, { comparisons: 1, control: CONTROL });
    expect(keepFacts(path.join(w.domains, 'fictional-people.yaml'), (id) => !id.endsWith('-colour'))).toBe(FACTS);
    started = [
      await w.finetune('start', '--platform', 'vertex', '--domain', 'fictional-people', '--model', GEMINI, '--epochs', '3', '--yes'),
      await w.finetune('start', '--platform', 'together', '--domain', 'fictional-people', '--model', LLAMA, '--epochs', '3', '--yes'),
    ];
    waited = await w.finetune('wait', '--interval', '0.05');
    report = await w.npmStart();
    summary = JSON.parse(readFileSync(path.join(w.out, 'summary.json'), 'utf8')) as typeof summary;
  });

  afterAll(async () => {
    await Promise.all([vertex?.close(), together?.close()]);
  });

  it('start creates one job per platform, wait follows both to the end', () => {
    for (const r of started) expect(r.code, r.stderr).toBe(0);
    expect(started[0]!.stdout).toMatch(/vertex\.fictional-people\.gemini-2\.5-flash\.e3 \([0-9a-f]{16}\): created job projects\/\d+\/locations\/us-central1\/tuningJobs\/\d+/);
    expect(started[1]!.stdout).toMatch(/together\.fictional-people\.meta-llama\/Meta-Llama-3\.1-8B-Instruct-Reference\.e3 \([0-9a-f]{16}\): created job ft-/);
    expect(waited.code, waited.stderr).toBe(0);
    expect(waited.stderr).toMatch(/vertex\.fictional-people\.gemini-2\.5-flash\.e3: succeeded step (\d+)\/\1 .*→ projects\//);
    expect(waited.stderr).toMatch(/together\.fictional-people\.meta-llama\/Meta-Llama-3\.1-8B-Instruct-Reference\.e3: succeeded step (\d+)\/\1 .*→ emulator-user\//);
    expect(vertex.state.jobs.size).toBe(1);
    expect(together.state.jobs.size).toBe(1);
  });

  it('npm start evaluates, per base model, the tuned model, the base model, the in-context reference and retrieval (k = 3, the default)', () => {
    expect(report.code, report.stderr).toBe(0);
    const providers = (domain: string) => [...new Set(summary.rows.filter((r) => r.domain === domain).map((r) => r.provider))].sort();
    // Short labels (the base model abbreviated), each column an emulator answers marked.
    expect(providers('fictional-people')).toEqual(
      [
        'gem2.5-flash base (emulation)',
        'gem2.5-flash in-context (emulation)',
        'gem2.5-flash ret k3 (emulation)',
        'gem2.5-flash ft3 (emulation)',
        'gem2.5-flash ft3 +ret3 (emulation)',
        'lookup',
        'Llama-3.1-8B base (emulation)',
        'Llama-3.1-8B in-context (emulation)',
        'Llama-3.1-8B ret k3 (emulation)',
        'Llama-3.1-8B ft3 (emulation)',
        'Llama-3.1-8B ft3 +ret3 (emulation)',
      ].sort(),
    );
    // The control domain: every run's tuned model and its base model, no in-context.
    expect(providers('general-knowledge-control')).toEqual(['gem2.5-flash base (emulation)', 'gem2.5-flash ft3 (emulation)', 'lookup', 'Llama-3.1-8B base (emulation)', 'Llama-3.1-8B ft3 (emulation)'].sort());
    for (const row of summary.rows) expect(row.errors, `${row.provider} ${row.domain} ${row.split}`).toBe(0);
  });

  it('summary.json comparisons: tuned 1.0 vs base 0 on memorization, in-context 1.0 everywhere, tuning taught nothing beyond the trained questions', () => {
    const of = (base: string, split: string) => summary.comparisons.find((c) => c.domain === 'fictional-people' && c.baseModel === base && c.split === split)!;
    for (const [base, short] of [[GEMINI, 'gem2.5-flash'], [LLAMA, 'Llama-3.1-8B']] as const) {
      expect(of(base, 'memorization'), base).toMatchObject({
        tuned: { provider: `${short} ft3 (emulation)`, accuracy: 1, n: FACTS },
        base: { provider: `${short} base (emulation)`, accuracy: 0, n: FACTS },
        inContext: { provider: `${short} in-context (emulation)`, accuracy: 1, n: FACTS },
        tunedMinusBase: 1,
        inContextMinusTuned: 0,
      });
      for (const split of ['rephrased', 'derived', 'comparison']) {
        const c = of(base, split);
        expect(c.tuned!.accuracy, `${base} ${split}`).toBe(0);
        expect(c.base!.accuracy, `${base} ${split}`).toBe(0);
        expect(c.inContext!.accuracy, `${base} ${split}`).toBe(1);
        expect(c.inContextMinusTuned, `${base} ${split}`).toBe(1);
      }
    }
  });

  it("retrieval on both platforms: offline its accuracy is the hit rate under the emulators' rule; the decision table prices every approach", () => {
    const { domain } = loadDomainFile(path.join(w.domains, 'fictional-people.yaml'));
    const hits = countRetrievalHits(domain, new StatementRetrieval(domain.facts.map((f) => ({ id: f.id, statement: f.statement }))), [3], 'every');
    if (!('splits' in hits)) throw new Error('fictional-people is a knowledge domain');
    for (const [base, short] of [[GEMINI, 'gem2.5-flash'], [LLAMA, 'Llama-3.1-8B']] as const) {
      for (const s of hits.splits) {
        const c = summary.comparisons.find((x) => x.domain === 'fictional-people' && x.baseModel === base && x.split === s.split)!;
        expect(c.retrieval, `${base} ${s.split}`).toMatchObject({ provider: `${short} ret k3 (emulation)`, n: s.n, correct: s.hits[0] });
      }
    }
    const table = summary.decisions!.find((t) => t.domain === 'fictional-people')!;
    const memorization = table.rows.filter((r) => r.split === 'memorization');
    expect(memorization.map((r) => r.approach).sort()).toEqual(['base', 'base', 'in-context', 'in-context', 'retrieval', 'retrieval', 'tuned', 'tuned', 'tuned + retrieval', 'tuned + retrieval']);
    for (const r of memorization) {
      // Emulated token counts, real dated prices; a tuned run's training cost from the emulator's trained tokens.
      expect(r.inference.perThousand, r.provider).toBeGreaterThan(0);
      expect(r.inference.emulated, r.provider).toBe(true);
      if (r.approach.startsWith('tuned')) expect(r.training, r.provider).toMatchObject({ from: 'platform', emulated: true });
    }
    // Retrieval's prompt holds 3 statements, in-context's all of them (FACTS > 3).
    const tokens = (approach: string, base: string) => memorization.find((r) => r.approach === approach && r.baseModel === base)!.inference.promptTokens!;
    for (const base of [GEMINI, LLAMA]) expect(tokens('retrieval', base)).toBeLessThan(tokens('in-context', base));
  });

  it('locality: the control domain on each tuned model against its base model', () => {
    const locality = summary.comparisons.filter((c) => c.split === 'locality');
    expect(locality.map((c) => c.baseModel).sort()).toEqual([GEMINI, LLAMA]);
    for (const c of locality) {
      expect(c).toMatchObject({ domain: 'general-knowledge-control', tuned: { accuracy: 1, n: CONTROL }, base: { accuracy: 1, n: CONTROL }, inContext: null, tunedMinusBase: 0 });
    }
  });

  it('prints both tables and writes them to summary.md', () => {
    expect(report.stdout).toContain('Tuned vs base vs in-context (accuracy)');
    // The retrieval column: the comparison's retrieval accuracy (the hit rate, above).
    const retrieval = (base: string, split: string) => summary.comparisons.find((c) => c.domain === 'fictional-people' && c.baseModel === base && c.split === split)!.retrieval!.accuracy!.toFixed(3);
    expect(report.stdout).toMatch(
      new RegExp(`│ fictional-people │ memorization │ meta-llama/Meta-Llama-3\\.1-8B-Instruct-Reference │ Llama-3\\.1-8B ft3 \\(emulation\\) │ 1\\.000 │ 0\\.000 │ 1\\.000\\s+│ ${retrieval(LLAMA, 'memorization').replace('.', '\\.')}\\s+│ \\+1\\.000\\s+│ \\+0\\.000\\s+│`),
    );
    expect(report.stdout).toContain('Locality: control domains on each tuned model and its base model');
    const md = readFileSync(path.join(w.out, 'summary.md'), 'utf8');
    expect(md).toContain(`| fictional-people | memorization | gemini-2.5-flash | gem2.5-flash ft3 (emulation) | 1.000 | 0.000 | 1.000 | ${retrieval(GEMINI, 'memorization')} | +1.000 | +0.000 |`);
    expect(md).toContain(`| fictional-people | rephrased | meta-llama/Meta-Llama-3.1-8B-Instruct-Reference | Llama-3.1-8B ft3 (emulation) | 0.000 | 0.000 | 1.000 | ${retrieval(LLAMA, 'rephrased')} | +0.000 | +1.000 |`);
    expect(md).toContain('| general-knowledge-control | gemini-2.5-flash | gem2.5-flash ft3 (emulation) | 1.000 | 1.000 | +0.000 |');
    expect(md).toContain('| general-knowledge-control | meta-llama/Meta-Llama-3.1-8B-Instruct-Reference | Llama-3.1-8B ft3 (emulation) | 1.000 | 1.000 | +0.000 |');
  });
});
