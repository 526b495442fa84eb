/**
 * The providers the ledger adds to a domain's suite, for every succeeded run
 * (on any platform, or registered from elsewhere):
 *
 * - a knowledge domain gets each of its own runs' tuned model, and once per
 *   base model that model untuned (`<base> base`) and in-context, with the
 *   domain's facts in its prompt (`<base> in-context`, providers/in-context.ts
 *   around the same base provider); and, unless `retrieval` is 0, retrieval:
 *   the base model given the K statements a BM25 search ranks best for the
 *   question (`<base> retrieval k=K`, providers/in-context.ts with `k`), and
 *   each tuned run given the same (`<run> + retrieval k=K`);
 * - a control domain gets the tuned model of every run of ANY domain and its
 *   base model: locality, what tuning broke that the base model knew.
 *
 * Each provider's config carries its identity (lib/ledger/provider-identity.ts:
 * role, base model, run, checkpoint), which its answers return and the report
 * groups by. Labels (lib/foundation/provider-labels.ts) are for people only:
 * `gemini-2.5-flash tuned 3 epochs` (plus whatever tells two runs apart:
 * `seed 7`, `trained on python-renames`, …). Which provider file and config a
 * run needs comes from its platform (ModelEndpoint).
 *
 * With `checkpoints`, every checkpoint the platform serves of each run joins
 * it (lib/ledger/checkpoints.ts), labelled `<run label> @ epoch k` (`@ step
 * S` when the epoch is not known): the points of a learning curve.
 */
import { sha256 } from '../foundation/content-hash.ts';
import type { LoadedDomain } from '../domain/load.ts';
import { servedCheckpoints } from '../ledger/checkpoints.ts';
import { runIdentity, type ProviderIdentity } from '../ledger/provider-identity.ts';
import type { RunRecord } from '../ledger/run-record.ts';
import type { ModelEndpoint } from '../platforms/platform.ts';
import { createPlatform, orderSettingKeys, settingLabel } from '../platforms/registry.ts';
import { DEFAULT_RETRIEVAL_K } from '../baselines/fact-retrieval.ts';
import { baseLabel, checkpointLabel, inContextLabel, retrievalLabel, tunedLabel, withRetrievalLabel } from '../foundation/provider-labels.ts';
import { describeRecipe } from '../training/recipe.ts';
import { projectRelative } from '../foundation/project-root.ts';
import { suiteRelative, type SuiteProvider } from './build-suite.ts';

type Facet = [string, (r: RunRecord) => string];

/**
 * A platform's own settings as label words, in the order the platforms
 * declare them ('' when a run shows nothing there, e.g. the platform's
 * default: the word is left out). A setting no declaration knows (a
 * hand-edited record) is shown as `<key> <value>`.
 */
function platformOptionFacets(runs: readonly RunRecord[]): Facet[] {
  return orderSettingKeys(runs.flatMap((r) => Object.keys(r.spec.platformOptions ?? {}))).map((key) => [
    `platform option ${key}`,
    (r) => {
      const value = r.spec.platformOptions?.[key];
      return value === undefined ? '' : settingLabel(r.spec.platform, key, value);
    },
  ]);
}

/** What can tell two runs with the same base model and epochs apart, as label words. */
function facets(runs: readonly RunRecord[]): Facet[] {
  return [
    ['trained on', (r) => `trained on ${r.spec.domain.id}`],
    ['batch', (r) => `batch ${r.spec.hyperparameters.batchSize}`],
    ['lr', (r) => `lr ${r.spec.hyperparameters.learningRateMultiplier}`],
    ...platformOptionFacets(runs),
    ['seed', (r) => `seed ${r.spec.seed}`],
    ['recipe', (r) => `recipe ${describeRecipe(r.spec.recipe)}`],
    ['augmentation', (r) => (r.spec.augmentation ? `augmented ${r.spec.augmentation.sha256.slice(0, 6)}` : '')],
    ['platform', (r) => `on ${r.spec.platform}`],
    ['domain', (r) => `domain ${r.spec.domain.sha256.slice(0, 8)}`],
  ];
}

/** `currentSha`: the domain's content, to mark runs trained on an earlier version (null on a control domain). */
function tunedLabels(runs: RunRecord[], currentSha: string | null): Map<string, string> {
  const labels = new Map<string, string>();
  const groups = new Map<string, RunRecord[]>();
  for (const r of runs) {
    const head = tunedLabel(r.spec.baseModel, r.spec.hyperparameters.epochs);
    groups.set(head, [...(groups.get(head) ?? []), r]);
  }
  for (const [head, group] of groups) {
    // Versions of one domain are told apart by their hash; different domains already by `trained on`.
    const versions = (rs: RunRecord[]) => [...new Set(rs.map((r) => r.spec.domain.id))].some((id) => new Set(rs.filter((r) => r.spec.domain.id === id).map((r) => r.spec.domain.sha256)).size > 1);
    const differing = facets(group).filter(([name, facet]) => (name === 'domain' ? versions(group) : new Set(group.map(facet)).size > 1));
    for (const r of group) {
      const parts = differing.map(([, facet]) => facet(r)).filter(Boolean);
      if (currentSha !== null && r.spec.domain.sha256 !== currentSha) parts.push('earlier domain version');
      labels.set(r.key, parts.length ? `${head}, ${parts.join(', ')}` : head);
    }
  }
  // Two runs differing in nothing shown (e.g. a second --force attempt) still get distinct labels.
  const counts = new Map<string, number>();
  for (const l of labels.values()) counts.set(l, (counts.get(l) ?? 0) + 1);
  for (const [key, l] of labels) if (counts.get(l)! > 1) labels.set(key, `${l} (${key.slice(0, 6)})`);
  return labels;
}

/** The provider file (relative to the project root) and config that ask a model where `endpoint` says it answers. */
function providerFor(endpoint: ModelEndpoint): { file: string; config: Record<string, unknown> } {
  if (endpoint.api === 'vertex')
    return { file: 'providers/gemini.ts', config: endpoint.endpoint !== undefined ? { endpoint: endpoint.endpoint } : { model: endpoint.model } };
  if (endpoint.baseUrl !== undefined) return { file: 'providers/openai.ts', config: { model: endpoint.model, baseURL: endpoint.baseUrl, apiKeyEnv: endpoint.apiKeyEnv } };
  return { file: 'providers/openai.ts', config: endpoint.platform === 'openai' ? { model: endpoint.model } : { model: endpoint.model, platform: endpoint.platform } };
}

/** A model registered without --base-model names no base model to compare with. */
const hasBase = (r: RunRecord): boolean => r.spec.target === undefined || r.spec.baseModel !== r.spec.target.model;

export interface TunedProviderOptions {
  /** Add each run's served checkpoints (npm run suites -- --checkpoints). */
  checkpoints?: boolean;
  /** K of the retrieval references (`--retrieval K`, default DEFAULT_RETRIEVAL_K); 0 leaves them out. */
  retrieval?: number;
}

export function tunedModelProviders(
  loaded: LoadedDomain,
  runs: readonly RunRecord[],
  suiteDir?: string,
  env: NodeJS.ProcessEnv = process.env,
  options: TunedProviderOptions = {},
): SuiteProvider[] {
  const control = loaded.domain.kind === 'control';
  const succeeded = runs.filter((r) => r.state === 'succeeded' && r.job?.tunedModel);
  const chosen = control ? succeeded : succeeded.filter((r) => r.spec.domain.id === loaded.domain.id);
  const labels = tunedLabels(chosen, control ? null : sha256(loaded.text));
  const k = options.retrieval ?? DEFAULT_RETRIEVAL_K;
  if (!(Number.isInteger(k) && k >= 0)) throw new Error(`retrieval must be a whole number from 0, got ${k}`);
  // Retrieval needs trained facts to find: a control domain has none (its facts are what the base model already knows).
  const retrieval = control ? 0 : k;
  const domainFile = projectRelative(loaded.file);
  /** `inner` given the k statements retrieval finds for each question (providers/in-context.ts with k); the inner provider carries no identity: this one answers as itself. */
  const retrieving = (label: string, inner: { file: string; config: Record<string, unknown> }, identity: ProviderIdentity): SuiteProvider => ({
    id: `file://${suiteRelative('providers/in-context.ts', suiteDir)}`,
    label,
    config: { domainFile, k: retrieval, provider: { id: `file://${inner.file}`, config: inner.config }, identity },
  });
  // The viewer's columns follow this order: tuned runs (each followed by its checkpoints), then each base model untuned, then in-context, then retrieval.
  const tuned: SuiteProvider[] = [];
  const tunedRetrieval: SuiteProvider[] = [];
  for (const r of chosen) {
    const platform = createPlatform(r.spec.platform, env);
    const label = labels.get(r.key)!;
    const file = providerFor(platform.tunedEndpoint(r)).file;
    tuned.push({ id: `file://${suiteRelative(file, suiteDir)}`, label, config: { run: r.key, identity: runIdentity(r) } });
    if (retrieval > 0) {
      const { run } = runIdentity(r);
      tunedRetrieval.push(retrieving(withRetrievalLabel(label, retrieval), { file, config: { run: r.key } }, { role: 'retrieval', baseModel: r.spec.baseModel, k: retrieval, run }));
    }
    if (!options.checkpoints) continue;
    for (const c of servedCheckpoints(r)) {
      const endpoint = platform.checkpointEndpoint(r, c.checkpoint);
      if (endpoint)
        tuned.push({
          id: `file://${suiteRelative(providerFor(endpoint).file, suiteDir)}`,
          label: checkpointLabel(label, c),
          config: { run: r.key, checkpoint: c.checkpoint.id, identity: runIdentity(r, c.checkpoint) },
        });
    }
  }
  const untuned: SuiteProvider[] = [];
  const inContext: SuiteProvider[] = [];
  const baseRetrieval: SuiteProvider[] = [];
  // One base (and one in-context) provider per base model, however many runs share it: the first run's.
  const bases = new Map<string, RunRecord>();
  for (const r of chosen) if (hasBase(r) && !bases.has(r.spec.baseModel)) bases.set(r.spec.baseModel, r);
  for (const [model, r] of bases) {
    const base = providerFor(createPlatform(r.spec.platform, env).baseEndpoint(r.spec));
    const identity = (role: 'base' | 'in-context'): ProviderIdentity => ({ role, baseModel: model });
    untuned.push({ id: `file://${suiteRelative(base.file, suiteDir)}`, label: baseLabel(model), config: { ...base.config, identity: identity('base') } });
    if (control) continue;
    inContext.push({
      id: `file://${suiteRelative('providers/in-context.ts', suiteDir)}`,
      label: inContextLabel(model),
      // The inner base model carries no identity: the in-context provider answers as itself.
      config: { domainFile, provider: { id: `file://${base.file}`, config: base.config }, identity: identity('in-context') },
    });
    if (retrieval > 0) baseRetrieval.push(retrieving(retrievalLabel(model, retrieval), base, { role: 'retrieval', baseModel: model, k: retrieval }));
  }
  return [...tuned, ...untuned, ...inContext, ...baseRetrieval, ...tunedRetrieval];
}
