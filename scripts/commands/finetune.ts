/**
 * `npm run finetune -- <plan|start|status|wait|list|cancel|register> …`:
 * fine-tuning runs from the command line, over lib/finetune (planning,
 * idempotent start, polling, registering a model tuned elsewhere), lib/ledger
 * (the ledger) and lib/platforms (the platform plugins: openai, vertex,
 * together, endpoint; loaded only when named or found in the ledger).
 */
import path from 'node:path';
import type { CommandIO } from '../../lib/foundation/command-io.ts';
import { UserError } from '../../lib/foundation/errors.ts';
import { confirm } from '../../lib/finetune/confirm.ts';
import { planRun, type PlannedRun } from '../../lib/finetune/plan-run.ts';
import { cancelRun, needsRefresh, refreshRun, waitForRuns } from '../../lib/finetune/poll-run.ts';
import { createProgressView, progressLine } from '../../lib/finetune/progress-view.ts';
import { registerRun } from '../../lib/finetune/register-run.ts';
import { planNotices, renderPlan, renderRuns, usd } from '../../lib/finetune/render-runs.ts';
import { resolveDomain } from '../../lib/finetune/resolve-domain.ts';
import { expandRunMatrix } from '../../lib/finetune/run-matrix.ts';
import { needsNewJob, startRun } from '../../lib/finetune/start-run.ts';
import { checkLedgerFolder, defaultRunsDir, Ledger } from '../../lib/ledger/ledger.ts';
import { isTerminal, type RunRecord } from '../../lib/ledger/run-record.ts';
import type { FineTuningPlatform } from '../../lib/platforms/platform.ts';
import { createPlatform, loadPlatforms } from '../../lib/platforms/registry.ts';
import { DOMAINS_DIR } from '../../lib/suites/write-suites.ts';
import { command, writer } from '../run-command.ts';
import { parseFinetuneArgs, USAGE, type FinetuneArgs } from './finetune-args.ts';

/** One invocation: its flags, io, ledger and the platforms it has used. */
class Finetune {
  readonly out: (line?: string) => void;
  readonly note: (line?: string) => void;
  readonly ledger: Ledger;
  private readonly platforms = new Map<string, FineTuningPlatform>();

  constructor(
    readonly args: FinetuneArgs,
    readonly io: CommandIO,
  ) {
    this.out = writer(io.stdout);
    this.note = writer(io.stderr);
    this.ledger = new Ledger(args.runsDir ? path.resolve(io.cwd, args.runsDir) : defaultRunsDir(io.env));
  }

  get domainsDir(): string {
    return this.args.domainsDir ? path.resolve(this.io.cwd, this.args.domainsDir) : DOMAINS_DIR;
  }

  /** A platform whose plugin is loaded (see `load`). */
  platformOf(id: string): FineTuningPlatform {
    let p = this.platforms.get(id);
    if (!p) {
      p = createPlatform(id, this.io.env, { retries: this.args.retries, gcsUri: this.args.gcsUri, onRetry: this.note });
      this.platforms.set(id, p);
    }
    return p;
  }

  /** The runs' platforms' plugins (and SDKs), loaded before use. */
  async load(runs: readonly RunRecord[]): Promise<RunRecord[]> {
    await loadPlatforms(runs.map((r) => r.spec.platform));
    return [...runs];
  }

  async planAll(): Promise<PlannedRun[]> {
    const cells = expandRunMatrix(this.args.matrix!);
    await loadPlatforms(cells.map((c) => c.platform));
    const planned: PlannedRun[] = [];
    for (const cell of cells) {
      const domain = resolveDomain(cell.domain, this.domainsDir);
      const spec = { platform: cell.platform, domain, baseModel: cell.model, hyperparameters: cell.hyperparameters, seed: cell.seed, recipe: this.args.recipe };
      // The date decides which retirements and notices are in force (io.now, so a test can move it).
      planned.push(await planRun(spec, this.platformOf(cell.platform), new Date(this.io.now()).toISOString().slice(0, 10)));
    }
    for (const warning of new Set(planned.flatMap((p) => p.warnings))) this.note(`warning: ${warning}`);
    return planned;
  }

  /** The runs a command is about: named by flags, by --run, or (status, wait) every run in the ledger. */
  async selectRuns(): Promise<RunRecord[]> {
    const { args, ledger } = this;
    if (args.matrix) {
      return (await this.planAll()).map((p) => {
        const record = ledger.read(p.key);
        if (!record) throw new UserError(`run ${p.name} (${p.key}) was never started; start it: npm run finetune -- start …`);
        return record;
      });
    }
    if (args.runs.length) return this.load(args.runs.map((ref) => ledger.find(ref)));
    const all = ledger.list();
    return this.load(args.platformFilter ? all.filter((r) => args.platformFilter!.includes(r.spec.platform)) : all);
  }

  async wait(records: RunRecord[]): Promise<number> {
    const notStarted = records.filter((r) => !r.job);
    for (const r of notStarted) this.note(`${r.name}: no job yet (state ${r.state}); start it with npm run finetune -- start …`);
    const waiting = records.filter((r) => r.job);
    if (!waiting.length) return notStarted.length ? 1 : 0;
    const view = createProgressView(this.io.stderr, waiting.map((r) => r.name));
    let interrupted = false;
    let final: RunRecord[];
    try {
      final = await this.io.interruptible(async (signal) => {
        const result = await waitForRuns(waiting, (r) => this.platformOf(r.spec.platform), this.ledger, {
          intervalMs: this.args.intervalMs,
          signal,
          sleep: this.io.sleep,
          onUpdate: (r) => view.update(r),
          onTransientError: (r, message) => view.log(`${r.name}: ${message} (still waiting)`),
        });
        interrupted = signal.aborted;
        return result;
      });
    } finally {
      view.stop();
    }
    if (interrupted) {
      this.note('stopped waiting; the jobs keep running. Rerun `npm run finetune -- wait` to pick up from the ledger.');
      return 130;
    }
    this.out(renderRuns(final));
    const bad = final.filter((r) => r.state === 'failed' || r.state === 'cancelled');
    for (const r of bad) this.note(`${progressLine(r)}${r.state === 'failed' ? ' — start a new job with --force' : ''}`);
    return bad.length || notStarted.length ? 1 : 0;
  }

  async start(): Promise<number> {
    const { args, ledger, io } = this;
    const planned = await this.planAll();
    const fresh = planned.filter((p) => needsNewJob(p, ledger, args.force));
    // The plan shows the platforms' dated notices; with nothing to start, they are shown alone.
    if (!fresh.length) for (const notice of planNotices(planned)) this.out(notice);
    if (fresh.length) {
      // What starting needs (a key, a project, a bucket) is checked before anyone is asked to pay.
      for (const id of new Set(fresh.map((p) => p.spec.platform))) this.platformOf(id).preflight?.();
      this.out(renderPlan(fresh));
      const cost = fresh.reduce((s, p) => s + p.estimate.costUsd, 0);
      if (args.force) {
        const replaced = fresh.filter((p) => ledger.read(p.key)?.job);
        for (const p of replaced) this.note(`--force: run ${p.name} already has job ${ledger.read(p.key)!.job!.id}; a second job is paid again`);
        await confirm(`Start ${fresh.length} job(s), ${replaced.length} of them a SECOND job for its run, for about ${usd(cost)}?`, {
          yes: args.yes,
          refusal: 'not starting a second job',
          io,
        });
      } else {
        await confirm(`Start ${fresh.length} fine-tuning job(s) on ${[...new Set(fresh.map((p) => p.spec.platform))].join(', ')} for about ${usd(cost)}?`, {
          yes: args.yes,
          refusal: `not starting ${fresh.length} job(s) (about ${usd(cost)})`,
          io,
        });
      }
    }
    const records: RunRecord[] = [];
    for (const p of planned) {
      const { record, outcome } = await startRun(p, this.platformOf(p.spec.platform), ledger, { force: args.force && fresh.includes(p), env: io.env });
      const job = record.job!;
      const verb = { created: 'created job', attached: 'attached to job', recovered: 'found its job' }[outcome];
      this.out(`${record.name} (${record.key}): ${verb} ${job.id}, ${job.rawStatus}`);
      if (outcome === 'attached' && (record.state === 'failed' || record.state === 'cancelled'))
        this.note(`${record.name}: its job ended ${record.state}${job.error ? ` (${job.error})` : ''}; --force starts a new one`);
      records.push(record);
    }
    this.out(`ledger: ${ledger.dir}`);
    return args.wait ? this.wait(records) : 0;
  }

  async register(): Promise<void> {
    const r = this.args.register!;
    const domain = resolveDomain(r.domain, this.domainsDir);
    const { record, outcome } = await registerRun({ ...r, domain, recipe: this.args.recipe }, this.ledger);
    const target = record.spec.target!;
    if (outcome === 'existing') this.out(`${record.name} (${record.key}): already registered${record.name === r.name ? '' : ` under the name ${record.name}`}`);
    else this.out(`${record.name} (${record.key}): registered ${target.model} at ${target.baseUrl} as a succeeded run of ${record.spec.domain.id}`);
    if (target.apiKeyEnv && !this.io.env[target.apiKeyEnv])
      this.note(`note: ${target.apiKeyEnv} is not set in this shell; set it before npm start (only its name is in the ledger)`);
    if (record.spec.baseModel === target.model) this.note('note: without --base-model the report has no base or in-context reference for this run');
    this.out(`ledger: ${this.ledger.dir}; npm start now evaluates it`);
  }

  async run(): Promise<number> {
    const { args, ledger, out } = this;
    switch (args.command) {
      case 'register':
        await this.register();
        return 0;
      case 'plan':
        out(renderPlan(await this.planAll()));
        out('nothing was contacted or written; `start` with the same flags starts these runs');
        return 0;
      case 'start':
        return this.start();
      case 'list': {
        const runs = await this.selectRuns();
        out(runs.length ? renderRuns(runs) : `no runs in ${ledger.dir}${args.platformFilter ? ` on ${args.platformFilter.join(', ')}` : ''}`);
        return 0;
      }
      case 'status': {
        const fresh: RunRecord[] = [];
        for (const r of await this.selectRuns()) fresh.push(needsRefresh(r) ? await refreshRun(r, this.platformOf(r.spec.platform), ledger) : r);
        out(fresh.length ? renderRuns(fresh) : `no runs in ${ledger.dir}`);
        return 0;
      }
      case 'wait': {
        // Runs that move (or have no job yet: wait says so), and runs that stopped before their checkpoints were read.
        const runs = (await this.selectRuns()).filter((r) => args.matrix || args.runs.length || !isTerminal(r.state) || needsRefresh(r));
        if (!runs.length) {
          out(`nothing to wait for in ${ledger.dir}`);
          return 0;
        }
        return this.wait(runs);
      }
      case 'cancel': {
        const runs = (await this.selectRuns()).filter((r) => r.job && !isTerminal(r.state));
        if (!runs.length) {
          out('no running job to cancel among those runs');
          return 0;
        }
        await confirm(`Cancel ${runs.length} job(s): ${runs.map((r) => r.name).join(', ')}?`, { yes: args.yes, refusal: 'not cancelling', io: this.io });
        for (const r of runs) out(progressLine(await cancelRun(r, this.platformOf(r.spec.platform), ledger)));
        return 0;
      }
    }
  }
}

export const main = command(async (argv, io) => {
  const args = parseFinetuneArgs(argv);
  if (args === 'help') return void io.stdout.write(`${USAGE}\n`);
  const finetune = new Finetune(args, io);
  checkLedgerFolder(finetune.ledger.dir, { createsRuns: args.command === 'start' || args.command === 'register' });
  return finetune.run();
});
