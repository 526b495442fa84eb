/**
 * Each question is asked of the providers of its own suite only, also when
 * promptfoo merges suites: `npx promptfoo eval -c a.yaml -c b.yaml` joins the
 * configs into one eval that runs every provider on every test, so the
 * lookup built for domain a would answer b's questions (and a tuned model
 * another domain's), and both domains' rows would be wrong without a word.
 *
 * promptfoo's own per-test filter does it: a generated suite gives each of
 * its providers `config.suite: <suite name>` (the domain id, or for a
 * domain's other suites `<domain id>.checkpoints.<run>`, `<domain id>.2`:
 * suite-columns.ts), which makes the provider's id `<suite name>/<its own
 * id>`, and each test names its providers `providers: ['<suite name>/*']`,
 * so a domain's suites merged stay apart too. promptfoo then never runs another suite's
 * provider on the test, and nothing changes for one suite run alone.
 * (Identical provider entries of two suites would be merged into one by
 * promptfoo; the `suite` field keeps them apart, each answering its own.)
 */
import { MAX_ID_LENGTH } from '../domain/schema.ts';

/** The config field that names the suite (its domain id, or the domain id and what part of its columns) a provider belongs to. */
export const SUITE_FIELD = 'suite';

/** A suite's name: a domain id, then `.`-separated words for a domain's other suites (a domain id holds no dot). */
const SUITE_NAME = new RegExp(`^[a-z0-9][a-z0-9-]{0,${MAX_ID_LENGTH - 1}}(\\.[a-z0-9-]+)*$`);

/**
 * A provider's `config.suite`, checked: absent (a suite written by hand), or
 * a domain id. Throws an Error naming the field and `who` otherwise.
 */
export function providerSuite(config: Record<string, unknown> | undefined, who: string): string | undefined {
  const suite = config?.[SUITE_FIELD];
  if (suite === undefined) return undefined;
  if (typeof suite !== 'string' || !SUITE_NAME.test(suite))
    throw new Error(`${who}: config.${SUITE_FIELD} must name the suite that declares this provider (its domain's id, lowercase letters, digits and dashes, and for a domain's other suites .-separated words: <id>.checkpoints.<run>), not ${JSON.stringify(suite)}`);
  return suite;
}

/** The id promptfoo knows a provider by: its own id, under its suite when it has one. */
export function scopedProviderId(suite: string | undefined, ownId: string): string {
  return suite === undefined ? ownId : `${suite}/${ownId}`;
}

/** The suite a provider id is under (scopedProviderId's prefix), if any. */
export function suiteOfId(id: string): string | undefined {
  const prefix = id.slice(0, Math.max(0, id.indexOf('/')));
  return SUITE_NAME.test(prefix) ? prefix : undefined;
}

/** What a test of suite `suiteName` names as its providers: every provider of that suite, and no other. */
export function suiteProviderRef(suiteName: string): string {
  return `${suiteName}/*`;
}

/** Why a report of merged suites holds fewer answers than promptfoo's providers × tests (summary.json's scope.leftOut.reason). */
export const LEFT_OUT_REASON =
  "each question was asked only of its own suite's providers (a provider built for one domain, its lookup, in-context facts, " +
  "tuned or base model, is not scored on another domain's questions, also when promptfoo merges several suites into one eval)";

/** The parts of promptfoo's afterAll context this reads: the suite as evaluated (its tests after any filter). */
export interface EvaluatedSuite {
  tests?: readonly { providers?: unknown; metadata?: Record<string, unknown> }[];
  providers?: readonly { id: () => string; label?: string }[];
}

/**
 * Whether promptfoo runs `provider` on a test that names `refs`, for the
 * names a test can hold: an id or a label, or a prefix of one ending in `*`
 * (promptfoo 0.121's per-test `providers` filter; `a:` also matches `a:b`).
 */
function allowed(refs: unknown, provider: { id: () => string; label?: string }): boolean {
  if (!Array.isArray(refs)) return true;
  const id = provider.id();
  const label = provider.label;
  return refs.some((ref) => {
    if (typeof ref !== 'string') return false;
    if (ref === id || ref === label) return true;
    if (ref.endsWith('*')) return id.startsWith(ref.slice(0, -1)) || Boolean(label?.startsWith(ref.slice(0, -1)));
    return id.startsWith(`${ref}:`) || Boolean(label?.startsWith(`${ref}:`));
  });
}

/** One provider's part of what was left out: its name and suite, and the questions (by domain) it was not asked. */
export interface LeftOutProvider {
  /** Its label, or its id when it has none. */
  provider: string;
  /** The suite (domain id) it belongs to; absent for a provider added to a suite by hand without one. */
  suite?: string;
  questions: number;
  domains: string[];
}

/**
 * What the per-test filter left out of an eval: the question × provider
 * pairs promptfoo did not run, of all pairs (each counted once, whatever the
 * prompts and repeats), and which providers were not asked which domains' questions.
 */
export function leftOutPairs(suite: EvaluatedSuite | undefined): { pairs: number; of: number; providers: LeftOutProvider[] } {
  const providers = suite?.providers ?? [];
  const tests = suite?.tests ?? [];
  const byProvider = providers.map((p) => {
    const skipped = tests.filter((t) => !allowed(t.providers, p));
    const id = p.id();
    const scoped = suiteOfId(id);
    const domains = [...new Set(skipped.map((t) => String(t.metadata?.domain ?? '(no domain)')))].sort();
    return { provider: p.label ?? id, ...(scoped ? { suite: scoped } : {}), questions: skipped.length, domains };
  });
  const left = byProvider.filter((p) => p.questions > 0);
  return { pairs: left.reduce((sum, p) => sum + p.questions, 0), of: tests.length * providers.length, providers: left };
}

/**
 * A generated suite with its providers replaced (a benchmark, a test, a
 * suite edited by hand): the tests' per-suite filter goes with the old
 * providers, so each new provider answers every question of this one suite.
 */
export function withProviders<S extends { tests: unknown[] }>(suite: S, providers: unknown[]): S & { providers: unknown[] } {
  const tests = suite.tests.map((t) => {
    if (t === null || typeof t !== 'object') return t;
    const { providers: _filter, ...rest } = t as Record<string, unknown>;
    return rest;
  });
  return { ...suite, providers, tests };
}
