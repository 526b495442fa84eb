/**
 * `npm run finetune -- <plan|start|status|wait|list|cancel|register>` carried
 * out, once its command line is read (scripts/commands/finetune.ts is the
 * adapter): planning, the paid start (start-runs.ts), polling with progress,
 * cancelling, registering a model tuned elsewhere; over lib/ledger and the
 * platform plugins (loaded only when named or found in the ledger).
 */
import type { CommandIO } from '../foundation/command-io.ts';
import { UserError } from '../foundation/errors.ts';
import { Ledger } from '../ledger/ledger.ts';
import { isTerminal, type RunRecord } from '../ledger/run-record.ts';
import type { FineTuningPlatform } from '../platforms/platform.ts';
import { createPlatform, loadPlatforms } from '../platforms/registry.ts';
import { confirm } from './confirm.ts';
import type { FinetuneRequest } from './finetune-request.ts';
import { planRun, type PlannedRun } from './plan-run.ts';
import { cancelRun, needsRefresh, refreshRun, waitForRuns } from './poll-run.ts';
import { createProgressView, progressLine } from './progress-view.ts';
import { registerRun } from './register-run.ts';
import { renderPlan, renderRuns } from './render-runs.ts';
import { resolveDomain } from './resolve-domain.ts';
import { expandRunMatrix } from './run-matrix.ts';
import { startPlannedRuns } from './start-runs.ts';

/** Writes lines to a stream. */
const lines = (stream: CommandIO['stdout']) => (line = '') => void stream.write(`${line}\n`);

/** One invocation: its request, io, ledger and the platforms it has used. */
export class FinetuneSession {
  readonly out: (line?: string) => void;
  readonly note: (line?: string) => void;
  readonly ledger: Ledger;
  private readonly platforms = new Map<string, FineTuningPlatform>();

  constructor(
    readonly args: FinetuneRequest,
    readonly io: CommandIO,
  ) {
    this.out = lines(io.stdout);
    this.note = lines(io.stderr);
    this.ledger = new Ledger(args.runsDir);
  }

  /** A platform whose plugin is loaded (see `load`). */
  platformOf(id: string): FineTuningPlatform {
    let p = this.platforms.get(id);
    if (!p) {
      p = createPlatform(id, this.io.env, { retries: this.args.retries, connection: this.args.connection[id], onRetry: this.note });
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
      const domain = resolveDomain(cell.domain, this.args.domainsDir);
      const spec = {
        platform: cell.platform,
        domain,
        baseModel: cell.model,
        hyperparameters: cell.hyperparameters,
        platformOptions: cell.platformOptions,
        seed: cell.seed,
        recipe: this.args.recipe,
      };
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

  /** plan → show the estimated cost → confirm → start, by the rules in start-runs.ts; then wait when asked. */
  async start(): Promise<number> {
    const records = await startPlannedRuns(await this.planAll(), {
      ledger: this.ledger,
      platformOf: (id) => this.platformOf(id),
      force: this.args.force,
      yes: this.args.yes,
      io: this.io,
      out: this.out,
      note: this.note,
    });
    this.out(`ledger: ${this.ledger.dir}`);
    return this.args.wait ? this.wait(records) : 0;
  }

  async register(): Promise<void> {
    const r = this.args.register!;
    const domain = resolveDomain(r.domain, this.args.domainsDir);
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

