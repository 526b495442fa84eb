/**
 * `npm run augment -- --domain ID --with PROVIDER --paraphrases N [--statements M] [--dry-run]`:
 * asks a model (any promptfoo provider id) for N rewrites of each fact's
 * trained question and M restatements of its statement, drops what the leak
 * check finds in the domain's evaluation probes, and writes the sidecar
 * `<domain>.training.yaml` beside the domain (never the domain itself), which
 * `npm run finetune -- … --recipe variants` (and `statements`) then train on.
 * The estimate comes first; --dry-run stops there. Answers are cached as they
 * arrive, so a stopped run resumes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Table from 'cli-table3';
import { parse as parseYaml } from 'yaml';
import type { Ask, AugmentOutcome, AugmentRequest } from '../../lib/augment/augment-domain.ts';
import type { AugmentEstimate } from '../../lib/augment/estimate.ts';
import { LEAK_RULE } from '../../lib/training/leak-check.ts';
import { augmentProgress } from '../../lib/augment/progress.ts';
import { GENERATED_BY, parseSidecar, renderSidecar, sidecarExists, sidecarFileOf } from '../../lib/training/sidecar.ts';
import { writeFileAtomic } from '../../lib/foundation/atomic-write.ts';
import { displayPath } from '../../lib/foundation/display-path.ts';
import { UserError } from '../../lib/foundation/errors.ts';
import { checkProviderId } from '../../lib/foundation/promptfoo-provider-id.ts';
import { resolveDomain } from '../../lib/finetune/resolve-domain.ts';
import { EMULATION_NOTE } from '../../lib/models/emulation.ts';
import { DOMAINS_DIR } from '../../lib/suites/write-suites.ts';
import { defineCommand } from '../../lib/cli/command-spec.ts';
import { declaredCommand, writer, type DeclaredMain } from '../run-command.ts';

export const spec = defineCommand({
  script: 'augment',
  summary:
    "Asks a model for rewrites of each fact's trained question and restatements of its statement, drops what the leak check finds in the domain's evaluation probes, and writes the sidecar <domain file name>.training.yaml beside the domain (never the domain itself), which the recipes variants and statements of npm run finetune train on. The estimate comes first; --dry-run stops there.",
  options: {
    domain: { type: 'text', value: 'ID|FILE', required: true, description: 'the domain to augment: an id under --domains, or its YAML file' },
    with: { type: 'text', value: 'PROVIDER', required: true, description: 'the model that writes the rewrites: a promptfoo provider id, e.g. openai:chat:gpt-4o-mini' },
    paraphrases: { type: 'integer', value: 'N', min: 0, max: 20, required: true, description: "rewrites of each fact's trained question (the recipe variants trains them)" },
    statements: { type: 'integer', value: 'M', min: 0, max: 20, default: 0, description: "restatements of each fact's statement (the recipe statements trains them)" },
    'dry-run': { type: 'flag', description: 'print the calls, tokens and estimated cost; ask nothing, write nothing' },
    domains: { type: 'text', value: 'DIR', description: 'where --domain ids are found', defaultText: 'suites/domains' },
  },
  notes: `Every line is checked against every evaluation probe of the domain (${LEAK_RULE}); what fails is counted and shown, never kept. A line shaped like an API key is rejected and counted, its text never shown, cached or kept. Answers are cached in <promptfoo cache dir>/augment/answers.json: rerunning the command resumes, or asks nothing again.`,
});

/** How the model is asked: through promptfoo (lib/augment/promptfoo-ask.ts); `augmentCommand` takes another (a test's failing one). */
export type MakeAsk = (request: AugmentRequest) => Promise<Ask>;

const promptfooAsker: MakeAsk = async (request) => (await import('../../lib/augment/promptfoo-ask.ts')).promptfooAsk(request.provider);

const int = (n: number) => n.toLocaleString('en-US');
const usd = (x: number) => `$${x < 1 ? x.toFixed(4) : x.toFixed(2)}`;

function estimateLine(e: AugmentEstimate): string {
  const cost = e.costUsd === null ? 'cost unknown (no price for this provider in lib/models/prices.json)' : `about ${usd(e.costUsd)} (${e.model!.snapshot} at ${usd(e.model!.base.input)} in / ${usd(e.model!.base.output)} out per 1M tokens)`;
  return `estimate: ${int(e.calls)} call(s) to make (${int(e.cached)} answered from the cache), ${int(e.promptTokens)} prompt tokens and about ${int(e.replyTokens)} reply tokens (o200k_base counts), ${cost}`;
}

function outcomeTable(o: AugmentOutcome): string {
  const t = new Table({ head: ['', 'proposed', 'kept', 'rejected: exact', 'near-duplicate', 'repeat', 'other question', 'key-shaped'], style: { head: [], border: [] } });
  for (const kind of ['paraphrases', 'restatements'] as const) {
    if (o.proposed[kind] === 0) continue;
    const n = (reason: string) => String(o.rejections.filter((r) => r.kind === kind && r.reason === reason).length);
    t.push([kind, String(o.proposed[kind]), String(o.kept[kind]), n('exact'), n('near-duplicate'), n('repeat'), n('other question'), n('key-shaped')]);
  }
  return t.toString();
}

/** Key-shaped lines: which rule matched, never the line (it is kept nowhere). */
function keyShapedLines(o: AugmentOutcome, max = 6): string[] {
  const keys = o.rejections.filter((r) => r.reason === 'key-shaped');
  const lines = keys.slice(0, max).map((r) => `  ${r.fact}: a ${r.kind === 'paraphrases' ? 'paraphrase' : 'restatement'} holding ${r.why}: not kept, not shown`);
  if (keys.length > max) lines.push(`  … and ${keys.length - max} more`);
  return lines;
}

function rejectionLines(o: AugmentOutcome, max = 6): string[] {
  const leaks = o.rejections.filter((r) => r.leak);
  // A few of each kind of leak, then the rest counted.
  const shown = [...leaks.filter((r) => r.reason === 'exact').slice(0, max / 2), ...leaks.filter((r) => r.reason === 'near-duplicate').slice(0, max / 2)];
  const lines = shown.map(
    (r) =>
      `  ${r.fact}: ${JSON.stringify(r.text)} — ${r.reason === 'exact' ? 'is' : `near-duplicate (overlap ${r.leak!.overlap.toFixed(2)}) of`} probe ${r.leak!.probe.id} (${r.leak!.probe.split}): ${JSON.stringify(r.leak!.probe.question)}`,
  );
  if (leaks.length > shown.length) lines.push(`  … and ${leaks.length - shown.length} more`);
  return lines;
}

/** Refuses to overwrite a sidecar npm run augment did not write (hand-made, or with its `generated:` removed to keep edits). */
function checkOverwritable(file: string): void {
  if (!sidecarExists(file)) return;
  let data: unknown;
  try {
    data = parseYaml(readFileSync(file, 'utf8'));
  } catch {
    data = null;
  }
  const by = (data as { generated?: { by?: unknown } } | null)?.generated?.by;
  if (by !== GENERATED_BY)
    throw new UserError(`${displayPath(file)} was not written by ${GENERATED_BY} (it has no \`generated: {by: ${GENERATED_BY}}\`): it is not overwritten; move it away to augment again`);
}

export function augmentCommand(makeAsk: MakeAsk = promptfooAsker): DeclaredMain {
  return declaredCommand(spec, async ({ values }, io) => {
    const say = writer(io.stdout);
    const { paraphrases, statements } = values;
    checkProviderId(values.with.trim(), '--with', io.cwd); // before the domain is read or anything asked
    if (paraphrases + statements === 0) throw new UserError('--paraphrases and --statements are both 0: there is nothing to ask for');

    const domainsDir = path.resolve(io.cwd, values.domains ?? DOMAINS_DIR);
    const ref = /\.ya?ml$/.test(values.domain) ? path.resolve(io.cwd, values.domain) : values.domain;
    const loaded = resolveDomain(ref, domainsDir);
    const sidecarFile = sidecarFileOf(loaded.file);
    checkOverwritable(sidecarFile);

    const request: AugmentRequest = { loaded, paraphrases, statements, provider: { id: values.with.trim() } };
    // Loaded now, not with the module: the cache reads promptfoo's library and the estimate a tokenizer (seconds), which --help and the command reference never need.
    const [{ AnswerCache, augmentCacheFile }, { augmentDomain, augmentTasks }, { estimateAugment }] = await Promise.all([
      import('../../lib/augment/answer-cache.ts'),
      import('../../lib/augment/augment-domain.ts'),
      import('../../lib/augment/estimate.ts'),
    ]);
    const cache = new AnswerCache(augmentCacheFile(io.env));
    const tasks = augmentTasks(request, cache);
    say(`augment ${loaded.domain.id} (${displayPath(loaded.file)}) with ${request.provider.id}: ${paraphrases} rewrite(s) of each trained question, ${statements} restatement(s) of each statement`);
    say(estimateLine(await estimateAugment(request, tasks)));
    if (values['dry-run']) return say(`dry run: nothing was asked and nothing written; without --dry-run the sidecar goes to ${displayPath(sidecarFile)}`);

    const ask = await makeAsk(request);
    const progress = augmentProgress(io.stderr, tasks.length);
    let outcome: AugmentOutcome;
    try {
      outcome = await augmentDomain(request, tasks, cache, ask, { onProgress: (d, t, c) => progress.update(d, t, c), now: () => new Date(io.now()) });
    } finally {
      progress.stop();
    }

    const text = renderSidecar(outcome.sidecar, loaded.file);
    parseSidecar(text, sidecarFile, loaded.domain); // what is written must read back as a valid sidecar
    writeFileAtomic(sidecarFile, text);

    say(`${outcome.asked} call(s) made, ${outcome.tasks - outcome.asked} answered from the cache${outcome.tokens.prompt ? ` (${int(outcome.tokens.prompt)} prompt + ${int(outcome.tokens.completion)} reply tokens)` : ''}`);
    say(`leak check against the domain's ${outcome.probes} evaluation probes (${LEAK_RULE}):`);
    say(outcomeTable(outcome));
    const leaked = rejectionLines(outcome);
    if (leaked.length) say(['rejected by the leak check:', ...leaked].join('\n'));
    const keys = keyShapedLines(outcome);
    if (keys.length) say(['rejected as key-shaped (training text never holds a key):', ...keys].join('\n'));
    const facts = Object.keys(outcome.sidecar.facts).length;
    say(`wrote ${displayPath(sidecarFile)}: ${outcome.kept.paraphrases} paraphrase(s) and ${outcome.kept.restatements} restatement(s) for ${facts} fact(s)`);
    say(`train on them: npm run finetune -- start --domain ${loaded.domain.id} --recipe ${[paraphrases && 'variants', statements && 'statements'].filter(Boolean).join(',')} --model … --epochs …`);
    if (outcome.emulated) say(`(${EMULATION_NOTE}: the rewrites were written by an emulated model's rule)`);
  });
}

export const main = augmentCommand();
