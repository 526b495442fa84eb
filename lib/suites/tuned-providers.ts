/**
 * The providers the ledger adds to a domain's suite, for every succeeded run
 * (on any platform, or registered from elsewhere):
 *
 * - a knowledge domain gets each of its own runs' tuned model, and once per
 *   base model that model untuned and in-context, with the domain's facts in
 *   its prompt (providers/in-context.ts around the same base provider); and,
 *   unless `retrieval` is 0, retrieval: the base model given the K statements
 *   a BM25 search ranks best for the question (providers/in-context.ts with
 *   `k`), and each tuned run given the same;
 * - a control domain gets the tuned model of every run of ANY domain and its
 *   base model: locality, what tuning broke that the base model knew.
 *
 * Each provider's config carries its identity (lib/ledger/provider-identity.ts:
 * role, base model, run, checkpoint), which its answers return, the report
 * groups by, and its label is made from (suite-columns.ts). Which provider
 * file and config a run needs comes from its platform (ModelEndpoint), and
 * with it the base URL the provider will ask (for the emulator probe).
 *
 * With `checkpoints`, every checkpoint the platform serves of each run joins
 * it (lib/ledger/checkpoints.ts), marked as that run's: a run's checkpoints
 * are a suite of their own (the points of a learning curve).
 */
import type { LoadedDomain } from '../domain/load.ts';
import { servedCheckpoints } from '../ledger/checkpoints.ts';
import { runIdentity, type ProviderIdentity } from '../ledger/provider-identity.ts';
import type { RunRecord } from '../ledger/run-record.ts';
import { endpointBaseUrl } from '../platforms/endpoint-url.ts';
import type { ModelEndpoint } from '../platforms/platform.ts';
import { createPlatform } from '../platforms/registry.ts';
import { DEFAULT_RETRIEVAL_K } from '../baselines/fact-retrieval.ts';
import { projectRelative } from '../foundation/project-root.ts';
import { suiteRelative } from './build-suite.ts';
import type { ProviderColumn } from './suite-columns.ts';

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

export function tunedModelColumns(
  loaded: LoadedDomain,
  runs: readonly RunRecord[],
  suiteDir?: string,
  env: NodeJS.ProcessEnv = process.env,
  options: TunedProviderOptions = {},
): ProviderColumn[] {
  const control = loaded.domain.kind === 'control';
  const succeeded = runs.filter((r) => r.state === 'succeeded' && r.job?.tunedModel);
  const chosen = control ? succeeded : succeeded.filter((r) => r.spec.domain.id === loaded.domain.id);
  const k = options.retrieval ?? DEFAULT_RETRIEVAL_K;
  if (!(Number.isInteger(k) && k >= 0)) throw new Error(`retrieval must be a whole number from 0, got ${k}`);
  // Retrieval needs trained facts to find: a control domain has none (its facts are what the base model already knows).
  const retrieval = control ? 0 : k;
  const domainFile = projectRelative(loaded.file);
  const column = (endpoint: ModelEndpoint, config: Record<string, unknown>, identity: ProviderIdentity, checkpointOf?: string): ProviderColumn => {
    const asks = endpointBaseUrl(endpoint, env);
    return { id: `file://${suiteRelative(providerFor(endpoint).file, suiteDir)}`, config: { ...config, identity }, ...(asks && { asks }), ...(checkpointOf && { checkpointOf }) };
  };
  /** The model at `endpoint` (config `inner`) with the domain's facts, all of them or the `k` a search retrieves, in its prompt (providers/in-context.ts); the inner provider carries no identity: this one answers as itself. */
  const withFacts = (endpoint: ModelEndpoint, inner: Record<string, unknown>, identity: ProviderIdentity, topK?: number): ProviderColumn => {
    const asks = endpointBaseUrl(endpoint, env);
    return {
      id: `file://${suiteRelative('providers/in-context.ts', suiteDir)}`,
      config: { domainFile, ...(topK !== undefined && { k: topK }), provider: { id: `file://${providerFor(endpoint).file}`, config: inner }, identity },
      ...(asks && { asks }),
    };
  };
  // The viewer's columns follow this order: tuned runs (each followed by its checkpoints), then each base model untuned, in-context, retrieval, then each run with retrieval.
  const tuned: ProviderColumn[] = [];
  const tunedRetrieval: ProviderColumn[] = [];
  for (const r of chosen) {
    const platform = createPlatform(r.spec.platform, env);
    const endpoint = platform.tunedEndpoint(r);
    const identity = runIdentity(r);
    tuned.push(column(endpoint, { run: r.key }, identity));
    if (retrieval > 0) tunedRetrieval.push(withFacts(endpoint, { run: r.key }, { role: 'retrieval', baseModel: r.spec.baseModel, k: retrieval, run: identity.run }, retrieval));
    if (!options.checkpoints) continue;
    for (const c of servedCheckpoints(r)) {
      const endpoint = platform.checkpointEndpoint(r, c.checkpoint);
      if (endpoint) tuned.push(column(endpoint, { run: r.key, checkpoint: c.checkpoint.id }, runIdentity(r, c.checkpoint), r.key));
    }
  }
  const untuned: ProviderColumn[] = [];
  const inContext: ProviderColumn[] = [];
  const baseRetrieval: ProviderColumn[] = [];
  // One base (and one in-context) provider per base model, however many runs share it: the first run's.
  const bases = new Map<string, RunRecord>();
  for (const r of chosen) if (hasBase(r) && !bases.has(r.spec.baseModel)) bases.set(r.spec.baseModel, r);
  for (const [model, r] of bases) {
    const endpoint = createPlatform(r.spec.platform, env).baseEndpoint(r.spec);
    const base = providerFor(endpoint);
    untuned.push(column(endpoint, base.config, { role: 'base', baseModel: model }));
    if (control) continue;
    inContext.push(withFacts(endpoint, base.config, { role: 'in-context', baseModel: model }));
    if (retrieval > 0) baseRetrieval.push(withFacts(endpoint, base.config, { role: 'retrieval', baseModel: model, k: retrieval }, retrieval));
  }
  return [...tuned, ...untuned, ...inContext, ...baseRetrieval, ...tunedRetrieval];
}
