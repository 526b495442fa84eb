/**
 * Each question is asked of the providers of its own suite only, also when
 * promptfoo merges suites: `npx promptfoo eval -c a.yaml -c b.yaml` joins the
 * configs into one eval that runs every provider on every test, so the
 * lookup built for domain a would answer b's questions (and a tuned model
 * another domain's), and both domains' rows would be wrong without a word.
 *
 * A generated suite gives each of its providers `config.suite: <suite name>`
 * (the domain id, or for a domain's other suites `<domain id>.checkpoints.<run>`,
 * `<domain id>.2`: suite-columns.ts), which makes the provider's id
 * `<suite name>/<its own id>` (bound to that suite); a test is of the suite
 * its metadata names (`suite`, written by a domain's other suites only), or
 * else of its domain's. Before the eval starts, the suites' extension hook
 * (beforeAll, lib/eval/eval-hook.ts) gives each test that a provider bound to
 * another suite would answer promptfoo's per-test filter (`providers:`),
 * naming every provider of the eval but those: promptfoo never calls them on
 * it. A provider bound to no suite (`-r openai:gpt-4.1`, `-r
 * file://my-provider.cjs`, one added to a suite by hand) answers every test,
 * and a suite run alone is left exactly as written. (Identical provider
 * entries of two suites would be merged into one by promptfoo; the `suite`
 * field keeps them apart, each answering its own.)
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

/** Why a report of merged suites holds fewer answers than promptfoo's providers × tests (summary.json's scope.leftOut.reason). */
export const LEFT_OUT_REASON =
  "each question was asked only of its own suite's providers (a provider built for one domain, its lookup, in-context facts, " +
  "tuned or base model, is not scored on another domain's questions, also when promptfoo merges several suites into one eval)";

/** A provider as promptfoo hands it to extension hooks (an ApiProvider: its id and label are what a test's filter names). */
export interface EvaluatedProvider {
  id: () => string;
  label?: string;
}

/** A test as promptfoo hands it to extension hooks: its own filter, if any, and the domain of a generated question. */
export interface EvaluatedTest {
  providers?: unknown;
  metadata?: Record<string, unknown>;
}

/** The parts of promptfoo's beforeAll and afterAll context this reads: the suite's providers and tests. */
export interface EvaluatedSuite {
  tests?: readonly EvaluatedTest[];
  providers?: readonly EvaluatedProvider[];
}

/** The suite a test is of: the one its metadata names, else its question's domain's; absent for a test written by hand. */
function testSuite(test: EvaluatedTest): string | undefined {
  const named = test.metadata?.[SUITE_FIELD] ?? test.metadata?.domain;
  return typeof named === 'string' ? named : undefined;
}

/** Whether `provider` is bound to another suite than `test`'s (so it must not answer it). */
export function boundElsewhere(provider: EvaluatedProvider, test: EvaluatedTest): boolean {
  const suite = suiteOfId(provider.id());
  const of = testSuite(test);
  return suite !== undefined && of !== undefined && suite !== of;
}

/**
 * Whether promptfoo runs `provider` on a test that names `refs`, for the
 * names a test can hold: an id or a label, or a prefix of one ending in `*`
 * (promptfoo 0.121's per-test `providers` filter, isProviderAllowed; `a:`
 * also matches `a:b`; an empty list matches none).
 */
function allowed(refs: unknown, provider: EvaluatedProvider): boolean {
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
 * The suite's tests, each that a provider bound to another suite would
 * answer given promptfoo's per-test filter naming (by id) the providers that
 * may answer it: those its own filter allows, but for the ones bound
 * elsewhere. Every other test is returned as it is, so a suite run alone, or
 * with providers bound to no suite, runs exactly as written. Throws when an
 * id cannot tell the providers apart (a provider labelled with another's id).
 */
export function scopeTests<T extends EvaluatedTest>(suite: { tests?: readonly T[]; providers?: readonly EvaluatedProvider[] }): T[] {
  const providers = suite.providers ?? [];
  return (suite.tests ?? []).map((test) => {
    const excluded = providers.filter((p) => boundElsewhere(p, test));
    if (excluded.length === 0) return test;
    const refs = [...new Set(providers.filter((p) => !boundElsewhere(p, test) && allowed(test.providers, p)).map((p) => p.id()))];
    const clash = excluded.find((p) => allowed(refs, p));
    if (clash)
      throw new Error(
        `provider ${JSON.stringify(clash.label ?? clash.id())} (suite ${suiteOfId(clash.id())}) is named like another provider of this eval (${refs.join(', ')}), ` +
          `so it cannot be kept off the questions of ${testSuite(test)}: give the providers distinct labels`,
      );
    const own = test.providers;
    const same = Array.isArray(own) && own.length === refs.length && refs.every((r, i) => own[i] === r);
    return same ? test : { ...test, providers: refs };
  });
}

/** One provider's part of what was left out: its name and suite, and the questions (by domain) it was not asked. */
export interface LeftOutProvider {
  /** Its label, or its id when it has none. */
  provider: string;
  /** The suite (domain id) it is bound to. */
  suite: string;
  questions: number;
  /** The suites whose questions it was not asked: domain ids (or a domain's other suite, `<id>.2`). */
  domains: string[];
}

/**
 * What suite scoping left out of an eval: the question × provider pairs of a
 * provider bound to one suite and a question of another domain, of all pairs
 * (each counted once, whatever the prompts and repeats), and which providers
 * were not asked which domains' questions.
 */
export function leftOutPairs(suite: EvaluatedSuite | undefined): { pairs: number; of: number; providers: LeftOutProvider[] } {
  const providers = suite?.providers ?? [];
  const tests = suite?.tests ?? [];
  const left = providers.flatMap((p) => {
    const skipped = tests.filter((t) => boundElsewhere(p, t));
    if (skipped.length === 0) return [];
    const domains = [...new Set(skipped.map((t) => testSuite(t)!))].sort();
    return [{ provider: p.label ?? p.id(), suite: suiteOfId(p.id())!, questions: skipped.length, domains }];
  });
  return { pairs: left.reduce((sum, p) => sum + p.questions, 0), of: tests.length * providers.length, providers: left };
}
