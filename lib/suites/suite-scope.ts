/**
 * Each question is asked of the providers of its own suite only, also when
 * promptfoo merges suites: `npx promptfoo eval -c a.yaml -c b.yaml` joins the
 * configs into one eval that runs every provider on every test, so the
 * lookup built for domain a would answer b's questions (and a tuned model
 * another domain's), and both domains' rows would be wrong without a word.
 *
 * promptfoo's own per-test filter does it: a generated suite gives each of
 * its providers `config.suite: <domain id>`, which makes the provider's id
 * `<domain id>/<its own id>`, and each test names its providers
 * `providers: ['<domain id>/*']`. promptfoo then never runs another suite's
 * provider on the test, and nothing changes for one suite run alone.
 * (Identical provider entries of two suites would be merged into one by
 * promptfoo; the `suite` field keeps them apart, each answering its own.)
 */
import { MAX_ID_LENGTH } from '../domain/schema.ts';

/** The config field that names the suite (its domain id) a provider belongs to. */
export const SUITE_FIELD = 'suite';

const DOMAIN_ID = new RegExp(`^[a-z0-9][a-z0-9-]{0,${MAX_ID_LENGTH - 1}}$`);

/**
 * A provider's `config.suite`, checked: absent (a suite written by hand), or
 * a domain id. Throws an Error naming the field and `who` otherwise.
 */
export function providerSuite(config: Record<string, unknown> | undefined, who: string): string | undefined {
  const suite = config?.[SUITE_FIELD];
  if (suite === undefined) return undefined;
  if (typeof suite !== 'string' || !DOMAIN_ID.test(suite))
    throw new Error(`${who}: config.${SUITE_FIELD} must be the id of the domain whose suite declares this provider (lowercase letters, digits and dashes), not ${JSON.stringify(suite)}`);
  return suite;
}

/** The id promptfoo knows a provider by: its own id, under its suite when it has one. */
export function scopedProviderId(suite: string | undefined, ownId: string): string {
  return suite === undefined ? ownId : `${suite}/${ownId}`;
}

/** What a test of domain `domainId` names as its providers: every provider of that domain's suite, and no other. */
export function suiteProviderRef(domainId: string): string {
  return `${domainId}/*`;
}

/** Why a report of merged suites holds fewer answers than promptfoo's providers × tests (summary.json's scope.leftOut.reason). */
export const LEFT_OUT_REASON =
  "each question was asked only of its own suite's providers (promptfoo merged several suites into one eval; a provider built for one domain, " +
  "its lookup, in-context facts, tuned or base model, is not scored on another domain's questions)";

/** The parts of promptfoo's afterAll context this reads: the suite as evaluated (its tests after any filter). */
export interface EvaluatedSuite {
  tests?: readonly { providers?: unknown }[];
  providers?: readonly { id: () => string; label?: string }[];
  prompts?: readonly unknown[];
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

/**
 * What the per-test filter left out of an eval: the question × provider
 * pairs promptfoo did not run because the provider belongs to another suite,
 * of all pairs (each counted once, whatever the prompts and repeats).
 */
export function leftOutPairs(suite: EvaluatedSuite | undefined): { pairs: number; of: number } {
  const providers = suite?.providers ?? [];
  const tests = suite?.tests ?? [];
  const pairs = tests.reduce((sum, test) => sum + providers.filter((p) => !allowed(test.providers, p)).length, 0);
  return { pairs, of: tests.length * providers.length };
}
