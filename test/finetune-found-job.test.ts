/**
 * The README's walk-throughs one after another, as the commands run them
 * (`npm run finetune` main(argv, io), in-process emulators on port 0):
 *
 * - an emulator restarted without its state: `start` on the ledger that has
 *   the run no longer reports "attached … succeeded" as if nothing were
 *   wrong, it asks the tuned model once and says why it is missing (the run,
 *   the base URL, the causes most likely first); restarted with its state
 *   folder, the same `start` attaches and the model answers;
 * - a second walk-through's ledger on the same emulator: `start` finds the
 *   job by its run key already succeeded and records its checkpoints, so the
 *   learning curve (`--checkpoints`) has the run;
 * - a record that lacks them (an older ledger): `status` and `wait` read them.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { servedCheckpoints } from '../lib/ledger/checkpoints.ts';
import { Ledger } from '../lib/ledger/ledger.ts';
import type { RunRecord } from '../lib/ledger/run-record.ts';
import { startOpenAIEmulator, type OpenAIEmulator } from '../emulators/openai/server.ts';
import { startTogetherEmulator, type TogetherEmulator } from '../emulators/together/server.ts';
import { startVertexEmulator, type VertexEmulator } from '../emulators/vertex/server.ts';
import { main as finetuneMain } from '../scripts/commands/finetune.ts';
import { cloudWorkspace, togetherEnv, vertexEnv } from './helpers/cloud-workspace.ts';
import { runMain } from './helpers/command.ts';
import { tempDir } from './helpers/run.ts';
import { tinyDomain } from './helpers/tiny-domain.ts';

const open: { close(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(open.map((e) => e.close()));
});
function track<T extends { close(): Promise<void> }>(emulator: T): T {
  open.push(emulator);
  return emulator;
}

/** The one record of a ledger. */
function onlyRecord(runs: string): RunRecord {
  const records = new Ledger(runs).list();
  expect(records).toHaveLength(1);
  return records[0]!;
}

/** A record as an older ledger (or a killed `start`) left it: the job succeeded, nothing read since. */
function forgetProgress(runs: string): void {
  const record = onlyRecord(runs);
  writeFileSync(path.join(runs, `${record.key}.json`), JSON.stringify({ ...record, progress: null, checkpoints: [] }, null, 2));
}

describe('OpenAI: the walk-throughs in any order', () => {
  const domains = tempDir('ftbench-domains-');
  writeFileSync(path.join(domains, 'tiny-people.yaml'), tinyDomain(12));
  const state = tempDir('ftbench-emulator-state-');
  const RUN = ['--domain', 'tiny-people', '--model', 'gpt-4o-mini', '--epochs', '3', '--domains', domains];
  const finetune = (emu: OpenAIEmulator, runs: string, ...args: string[]) =>
    runMain(finetuneMain, [...args, ...RUN], { env: { OPENAI_BASE_URL: emu.url, OPENAI_API_KEY: 'emulator-key', FTBENCH_RUNS_DIR: runs }, now: () => Date.parse('2026-06-01T12:00:00Z') });
  const first = tempDir('ftbench-runs-');

  it('a run trained on an emulator with a state folder', async () => {
    const emu = track(await startOpenAIEmulator({ stepMs: 10, state }));
    expect((await finetune(emu, first, 'start', '--yes', '--wait', '--interval', '0.02')).code).toBe(0);
    expect(onlyRecord(first).checkpoints.length).toBeGreaterThan(0);
    await emu.close();
  });

  it('restarted WITHOUT its state: start asks the tuned model once and says why it is missing', async () => {
    const forgetful = track(await startOpenAIEmulator({ stepMs: 10 }));
    const r = await finetune(forgetful, first, 'start');
    const record = onlyRecord(first);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/attached/);
    expect(r.stderr).toContain(`error: asking run ${record.name} (${record.job!.tunedModel}): ${record.job!.tunedModel} is not served at ${forgetful.url} (404 model_not_found).`);
    expect(r.stderr).toMatch(
      new RegExp(
        `Most likely first: \\(1\\) the emulator at ${forgetful.url.replace(/[./]/g, '\\$&')} was restarted without its state: .*npm run emulator -- openai --state DIR.*; \\(2\\) OPENAI_BASE_URL=\\S+ is not the server that trained run ${record.name}.*; \\(3\\) gpt-4o-mini-2024-07-18 and the models tuned from it retire on 2027-01-14`,
      ),
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
    // One cheap call: a chat completion, nothing paid for, nothing created.
    expect(forgetful.state.requestCount(/^POST \/v1\/chat\/completions$/)).toBe(1);
    expect(forgetful.state.jobs.size).toBe(0);
    await forgetful.close();
  });

  it('restarted WITH its state: the same start attaches and the model answers', async () => {
    const emu = track(await startOpenAIEmulator({ stepMs: 10, state }));
    const r = await finetune(emu, first, 'start');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/attached to job ftjob-\S+, succeeded/);
    // Nothing to start, and still the platform's dated notice (its day is the command's clock).
    expect(r.stdout).toMatch(/^notice: OpenAI notice \(lib\/models\/prices\.json\): OpenAI is winding down/m);
    expect(emu.state.requestCount(/^POST \/v1\/chat\/completions$/)).toBe(1);
    await emu.close();
  });

  it('a second ledger on the same emulator: start finds the job succeeded and records its checkpoints; status and wait fill a record that lacks them', async () => {
    const emu = track(await startOpenAIEmulator({ stepMs: 10, state }));
    const second = tempDir('ftbench-runs-');
    const r = await finetune(emu, second, 'start', '--yes');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/found its job ftjob-\S+, succeeded/);
    const expected = onlyRecord(first).checkpoints;
    expect(onlyRecord(second).checkpoints).toEqual(expected);
    expect(servedCheckpoints(onlyRecord(second)).map((c) => c.epoch)).toEqual([1, 2]);

    for (const command of ['status', 'wait']) {
      forgetProgress(second);
      const again = await runMain(finetuneMain, [command, '--interval', '0.02'], { env: { OPENAI_BASE_URL: emu.url, OPENAI_API_KEY: 'emulator-key', FTBENCH_RUNS_DIR: second } });
      expect(again.code, again.stderr).toBe(0);
      expect(onlyRecord(second).checkpoints, command).toEqual(expected);
      expect(onlyRecord(second).progress, command).not.toBeNull();
    }
    // A record that has them is left alone: status asks nothing.
    const before = emu.state.requests.length;
    await runMain(finetuneMain, ['status'], { env: { OPENAI_BASE_URL: emu.url, OPENAI_API_KEY: 'emulator-key', FTBENCH_RUNS_DIR: second } });
    expect(emu.state.requests.length).toBe(before);
  });
});

describe('Vertex AI and Together AI: a restart without state is named; with it, a found job brings its checkpoints', () => {
  it.each(['vertex', 'together'] as const)('%s', async (platform) => {
    const state = tempDir('ftbench-emulator-state-');
    const start = async (withState: boolean): Promise<{ emu: VertexEmulator | TogetherEmulator; env: NodeJS.ProcessEnv }> => {
      if (platform === 'vertex') {
        const emu = track(await startVertexEmulator({ stepMs: 10, ...(withState && { state }) }));
        return { emu, env: vertexEnv(emu) };
      }
      const emu = track(await startTogetherEmulator({ stepMs: 10, ...(withState && { state }) }));
      return { emu, env: togetherEnv(emu) };
    };
    const model = platform === 'vertex' ? 'gemini-2.5-flash' : 'meta-llama/Meta-Llama-3.1-8B-Instruct-Reference';
    const RUN = ['--platform', platform, '--domain', 'fictional-people', '--model', model, '--epochs', '3'];

    const trained = await start(true);
    const w = cloudWorkspace(trained.env, { comparisons: 2, control: 2 });
    expect((await w.finetune('start', '--yes', '--wait', '--interval', '0.02', ...RUN)).code).toBe(0);
    const expected = onlyRecord(w.runs).checkpoints;
    expect(expected.length).toBeGreaterThan(0);
    await trained.emu.close();

    const forgetful = await start(false);
    w.env = { ...w.env, ...forgetful.env };
    const lost = await w.finetune('start', ...RUN);
    expect(lost.code).toBe(1);
    for (const part of [`run ${onlyRecord(w.runs).name} (`, forgetful.emu.url, 'not served', '404 ']) expect(lost.stderr).toContain(part);
    expect(lost.stderr).toMatch(new RegExp(`Most likely first: \\(1\\) the emulator at \\S+ was restarted without its state: .*npm run emulator -- ${platform} --state DIR`));
    expect(lost.stderr).not.toMatch(/\n\s+at /);
    await forgetful.emu.close();

    const remembering = await start(true);
    const other = cloudWorkspace(remembering.env, { comparisons: 2, control: 2 });
    const found = await other.finetune('start', '--yes', ...RUN);
    expect(found.code, found.stderr).toBe(0);
    expect(found.stdout).toMatch(/found its job \S+, (JOB_STATE_SUCCEEDED|completed)/);
    expect(onlyRecord(other.runs).checkpoints).toEqual(expected);
  });
});
