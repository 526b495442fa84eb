/**
 * The labels of a domain's provider columns: what promptfoo's viewer shows
 * above each column and the report prints in its rows, made from each
 * provider's typed identity (lib/ledger/provider-identity.ts), short enough
 * for six columns at 1280 px and distinct among all the columns of a domain
 * (its suite and its checkpoint suites alike: the report keys rows by label
 * and domain). Display text only: nothing parses a label back.
 *
 *   `4o-mini ft3`               a run's tuned model: base model abbreviated, `ft` and its epochs
 *   `4o-mini ft3 variants @e1`  …its recipe when not the default, then what tells runs apart,
 *                               and a checkpoint's epoch (`@s40`: its step, when the epoch is unknown)
 *   `4o-mini base`, `4o-mini in-context`, `lookup`
 *
 * At most LABEL_MAX characters: segments take shorter forms until the label
 * fits (`variants` → `var`, `gemini-2.5-flash` → `gem2.5-flash`), then the
 * least telling ones are left out. Columns that would still read alike get
 * `#` and a few characters of their identity's hash. A base model is named
 * alike in all of a domain's columns. An emulator's column
 * ends with EMULATED_MARK (beyond the budget, so it never costs a setting).
 * The whole story of each column is its description (describeColumn), in the
 * provider's config and the eval's description.
 */
import { canonicalJson, sha256 } from '../foundation/content-hash.ts';
import { baseLabel, checkpointLabel, inContextLabel, retrievalLabel, tunedLabel, withRetrievalLabel } from '../foundation/provider-labels.ts';
import type { ProviderIdentity, RunIdentity } from '../ledger/provider-identity.ts';
import { EMULATED_MARK } from '../models/emulation.ts';
import { orderSettingKeys, settingLabel } from '../platforms/registry.ts';

/** The most characters a label has (without the emulation mark). */
export const LABEL_MAX = 24;
/** What an emulated column's label ends with (lib/models/emulation.ts); the eval's description says what it means. */
export { EMULATED_MARK };

export interface ColumnToLabel {
  identity: ProviderIdentity;
  /** A loopback emulator answers it (lib/suites/emulator-probe.ts). */
  emulated: boolean;
}

export interface LabelContext {
  /** The first 12 hex digits of the domain file's sha256 now: a run trained on another version says so. Null on a control domain (runs of other domains). */
  currentDomainVersion: string | null;
}

/** One part of a label, in forms from the fullest to the shortest; `optional` parts may be left out when nothing shorter fits. */
interface Segment {
  forms: string[];
  optional?: boolean;
  /** Shortened before segments of a lower rank (0 first). */
  rank: number;
  /** The base model it names: one form per model for all of a domain's columns. */
  model?: string;
  /**
   * The run facet it says (`recipe`, `lr`, …): one level of shortening per
   * facet for all of a domain's columns, so that `var+sta` never sits beside
   * `v+s`. A facet's forms are levels, the same count for every run (a level
   * may repeat the one before it), so that one index means one length class.
   */
  facet?: string;
}

const DATE_SUFFIX = /-(\d{4}-\d{2}-\d{2}|\d{3,4})$/;

/**
 * A base model's abbreviation, then a cut of it: `gpt-4o-mini-2024-07-18` →
 * `4o-mini`; `gemini-2.5-flash` → `gem2.5-flash`;
 * `meta-llama/Meta-Llama-3.1-8B-Instruct-Reference` → `Llama-3.1-8B`.
 */
function modelForms(model: string): string[] {
  const last = model.slice(model.lastIndexOf('/') + 1);
  const short =
    last
      .replace(DATE_SUFFIX, '')
      .replace(/^gpt-/i, '')
      .replace(/^Meta-(?=Llama)/i, '')
      .replace(/(-(instruct|reference|chat|hf|it|preview|latest))+$/i, '')
      .replace(/^gemini-/i, 'gem') || last;
  return unique([short, short.slice(0, 10)]);
}

const unique = (forms: string[]): string[] => forms.filter((f, i) => f !== '' && forms.indexOf(f) === i);

/**
 * Each base model's forms, so that two different models never share a form:
 * a form two of them would share is dropped for both, and a model left with
 * none is named by its last path segment, then its full name.
 */
function modelNames(models: readonly string[]): Map<string, string[]> {
  const distinct = [...new Set(models)];
  const forms = new Map(distinct.map((m) => [m, modelForms(m)]));
  const owners = new Map<string, Set<string>>();
  for (const [m, fs] of forms) for (const f of fs) owners.set(f, new Set([...(owners.get(f) ?? []), m]));
  for (const [m, fs] of forms) {
    const own = fs.filter((f) => owners.get(f)!.size === 1);
    const last = m.slice(m.lastIndexOf('/') + 1);
    forms.set(m, own.length ? own : distinct.filter((x) => x.slice(x.lastIndexOf('/') + 1) === last).length === 1 ? [last] : [m]);
  }
  return forms;
}

/** `variants+statements+aug-1a2b3c` → [itself, `variants+statements+aug`, `var+sta+aug`, `v+s+a`] (four levels, a level repeated where it shortens nothing). */
function recipeForms(recipe: string): string[] {
  const parts = recipe.split('+');
  const named = parts.map((p) => (p.startsWith('aug-') ? 'aug' : p));
  return [recipe, named.join('+'), named.map((p) => p.slice(0, 3)).join('+'), named.map((p) => p.slice(0, 1)).join('+')];
}

/** A platform option as a word: its value when it is a word (`full`), else its name's initials and value (`adapterSize: 4` → `aS4`). */
function optionForm(name: string, value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value === 'string' && /^[A-Za-z]/.test(value)) return value;
  const initials = name.replace(/[^A-Za-z0-9]+(.)/g, (_, c: string) => c.toUpperCase()).replace(/^(.)[a-z0-9]*|[a-z0-9]+/g, '$1') || name.slice(0, 1);
  return `${initials}${typeof value === 'boolean' ? (value ? '' : '-no') : value}`;
}

/** What can tell two runs of one base model and epochs apart, in the order labels name them; each facet's forms are levels (see Segment.facet). */
const FACETS: { name: string; rank: number; forms: (run: RunIdentity) => string[] }[] = [
  { name: 'trained on', rank: 3, forms: (r) => [r.domain, r.domain.split('-')[0]!.slice(0, 10), r.domain.split('-').map((w) => w.slice(0, 1)).join('')] },
  { name: 'recipe', rank: 1, forms: (r) => recipeForms(r.recipe) },
  // `auto` (the platform chooses) set apart from the word, so it does not read as one: `lr-auto`, `lr2`.
  { name: 'batch', rank: 5, forms: (r) => [`b${r.batchSize === 'auto' ? '-auto' : r.batchSize}`] },
  { name: 'lr', rank: 5, forms: (r) => [`lr${r.learningRateMultiplier === 'auto' ? '-auto' : r.learningRateMultiplier}`] },
  { name: 'seed', rank: 5, forms: (r) => [`s${r.seed}`] },
  { name: 'platform', rank: 4, forms: (r) => [r.platform, r.platform.slice(0, 3)] },
];

/**
 * Platform options the runs of a group declare, in the order the platforms
 * declare them: each one that differs is a facet, named first as its
 * platform's declaration words it (`warmup 0.1`; '' for a value it leaves
 * unsaid), then without spaces, then as initials (`wR0.1`).
 */
function optionFacets(runs: readonly RunIdentity[]): typeof FACETS {
  const names = orderSettingKeys(runs.flatMap((r) => Object.keys(r.platformOptions)));
  return names.map((name) => ({
    name,
    rank: 5,
    forms: (r: RunIdentity) => {
      const value = r.platformOptions[name] ?? null;
      if (value === null) return [''];
      const word = settingLabel(r.platform, name, value);
      return word === '' ? [''] : [word, word.replace(/\s+/g, ''), optionForm(name, value)];
    },
  }));
}

/** The tuned segments of each run: its recipe when not the default, and every facet that differs among runs of its base model and epochs. */
function runSegments(runs: readonly RunIdentity[], baseOf: Map<string, string>, context: LabelContext): Map<string, Segment[]> {
  const groups = new Map<string, RunIdentity[]>();
  for (const r of runs) {
    const head = JSON.stringify([baseOf.get(r.key), r.epochs]);
    groups.set(head, [...(groups.get(head) ?? []), r]);
  }
  const segments = new Map<string, Segment[]>();
  for (const group of groups.values()) {
    const differs = (forms: (r: RunIdentity) => string[]) => new Set(group.map((r) => forms(r)[0])).size > 1;
    const facets = [...FACETS, ...optionFacets(group)].filter((f) => differs(f.forms) || (f.name === 'recipe' && group.some((r) => r.recipe !== 'default')));
    // Two versions of one training domain in a group are told apart by their hash; on a knowledge domain an earlier one says so even alone.
    const versions = group.some((a) => group.some((b) => a.domain === b.domain && a.domainVersion !== b.domainVersion));
    for (const r of group) {
      const own: Segment[] = facets.map((f) => ({ forms: f.forms(r), rank: f.rank, optional: true, facet: f.name })).filter((s) => s.forms[0] !== '');
      if (context.currentDomainVersion !== null && r.domainVersion !== context.currentDomainVersion) own.push({ forms: [`old-${r.domainVersion.slice(0, 4)}`, 'old'], rank: 2, optional: true, facet: 'version' });
      else if (versions && context.currentDomainVersion === null) own.push({ forms: [`v${r.domainVersion.slice(0, 4)}`], rank: 2, optional: true, facet: 'version' });
      segments.set(r.key, own);
    }
  }
  return segments;
}

/** A run's segments, copied: each column shortens its own (a run's tuned model, checkpoints and retrieval columns share them). */
const runSegmentsOf = (runs: Map<string, Segment[]>, key: string): Segment[] => (runs.get(key) ?? []).map((x) => ({ ...x }));

/** The segments of one column's label, before any is shortened (a checkpoint's `@e1` apart: it is always whole). */
function columnSegments(identity: ProviderIdentity, names: Map<string, string[]>, runs: Map<string, Segment[]>): Segment[] {
  const model = (m: string | undefined): Segment[] => (m === undefined ? [] : [{ forms: names.get(m)!, rank: 3, model: m }]);
  switch (identity.role) {
    case 'tuned': {
      const own = identity.run ? runSegmentsOf(runs, identity.run.key) : [];
      const epochs = identity.run?.epochs ?? null;
      return [...model(identity.baseModel), { forms: [`ft${epochs ?? ''}`], rank: 9 }, ...own];
    }
    case 'base':
      return [...model(identity.baseModel), { forms: ['base'], rank: 9 }];
    case 'in-context':
      return [
        ...model(identity.baseModel),
        { forms: ['in-context', 'in-ctx'], rank: 4 },
        ...(identity.variant ? [{ forms: unique([identity.variant, identity.variant.slice(0, 8)]), rank: 3 }] : []),
      ];
    case 'retrieval': {
      // A run's model with retrieval reads as the run's (its `+ret3` is a mark, like a checkpoint's); the base model's names it.
      if (identity.run) return [...model(identity.baseModel), { forms: [`ft${identity.run.epochs ?? ''}`], rank: 9 }, ...runSegmentsOf(runs, identity.run.key)];
      return [...model(identity.baseModel), { forms: unique([`retrieval k${identity.k}`, `ret k${identity.k}`, `ret${identity.k}`]), rank: 4 }];
    }
    case 'lookup':
      return [{ forms: ['lookup'], rank: 9 }];
    case 'replay':
      return [{ forms: ['replay'], rank: 9 }, ...model(identity.baseModel), ...(identity.source ? [{ forms: unique([identity.source, identity.source.slice(0, 8)]), rank: 2, optional: true }] : [])];
    case 'reference':
      return [...model(identity.baseModel), { forms: ['reference', 'ref'], rank: 4 }];
  }
}

/** Which form of each segment fits `budget`: shorter forms first by rank, each only as short as needed. */
function formLevels(segments: readonly Segment[], budget: number): number[] {
  const at = segments.map(() => 0);
  const text = () => segments.map((s, i) => s.forms[at[i]!]).join(' ');
  const order = segments.map((s, i) => ({ s, i })).sort((a, b) => a.s.rank - b.s.rank || b.i - a.i);
  for (const { s, i } of order) while (text().length > budget && at[i]! < s.forms.length - 1) at[i]!++;
  return at;
}

/**
 * Each run facet at the shortest level any column needs, in every column
 * (a level past a segment's last form is its last form).
 */
function alignFacets(segments: Segment[][], budgetOf: (i: number) => number): void {
  const level = new Map<string, number>();
  segments.forEach((segs, i) => {
    const at = formLevels(segs, budgetOf(i));
    segs.forEach((x, j) => x.facet !== undefined && level.set(x.facet, Math.max(level.get(x.facet) ?? 0, at[j]!)));
  });
  for (const segs of segments) for (const x of segs) if (x.facet !== undefined) x.forms = x.forms.slice(Math.min(level.get(x.facet)!, x.forms.length - 1));
}

/**
 * The segments in the shortest forms needed to fit `budget`: shorter forms
 * first by rank, then optional segments left out from the last, then the
 * longest word cut (a base model's name last: it reads alike in every
 * column; never the role).
 */
function fit(segments: readonly Segment[], budget: number): string {
  const at = formLevels(segments, budget);
  const words = segments.map((s, i) => ({ word: s.forms[at[i]!]!, optional: s.optional === true, rank: s.rank, model: s.model !== undefined }));
  for (let i = words.length - 1; i >= 0 && join(words).length > budget; i--) if (words[i]!.optional) words.splice(i, 1);
  const over = join(words).length - budget;
  const cuttable = words.filter((w) => w.rank < 9 && w.word.length - over >= 3).sort((a, b) => Number(a.model) - Number(b.model) || b.word.length - a.word.length);
  if (over > 0 && cuttable[0]) cuttable[0].word = cuttable[0].word.slice(0, cuttable[0].word.length - over);
  const fitted = join(words);
  return fitted.length > budget ? fitted.slice(0, budget).trimEnd() : fitted;
}

const join = (words: readonly { word: string }[]): string => words.map((w) => w.word).join(' ');

/** Where in its run a checkpoint is: `@e1`, or `@s40` when its epoch is not known; a run's model with retrieval `+ret3`; '' for any other column. */
function checkpointMark(identity: ProviderIdentity): string {
  if (identity.role === 'retrieval' && identity.run) return `+ret${identity.k}`;
  if (identity.role !== 'tuned' || !identity.checkpoint) return '';
  return identity.checkpoint.epoch !== null ? `@e${identity.checkpoint.epoch}` : `@s${identity.checkpoint.step}`;
}

const runKeyOf = (identity: ProviderIdentity): string | undefined => (identity.role === 'tuned' || identity.role === 'retrieval' ? identity.run?.key : undefined);

/** A few characters of a hash of what a column is (its run's, for a tuned model and its checkpoints alike). */
function tag(identity: ProviderIdentity, length: number): string {
  const what = (identity.role === 'tuned' || identity.role === 'retrieval') && identity.run ? identity.run : identity;
  return `#${sha256(canonicalJson(what)).slice(0, length)}`;
}

/**
 * One name per base model for all of a domain's columns: its fullest form
 * with which every column naming it fits (their other parts at their
 * shortest), else its shortest cut to fit; a name another model has taken
 * gets `~` and a few characters of the model's hash.
 */
function chooseModelNames(names: Map<string, string[]>, segments: Segment[][], budgetOf: (i: number) => number): void {
  const taken = new Set<string>();
  for (const [m, forms] of names) {
    const users = segments.flatMap((s, i) => (s.some((x) => x.model === m) ? [i] : []));
    const others = (i: number) => segments[i]!.filter((x) => x.model !== m).map((x) => x.forms.at(-1)!);
    const room = Math.max(3, Math.min(...users.map((i) => budgetOf(i) - (others(i).length ? others(i).join(' ').length + 1 : 0))));
    let chosen = forms.find((f) => f.length <= room && !taken.has(f)) ?? forms.at(-1)!.slice(0, room);
    for (let n = 2; taken.has(chosen); n++) chosen = `${chosen.slice(0, Math.max(1, room - n - 1))}~${sha256(m).slice(0, n)}`;
    taken.add(chosen);
    for (const i of users) for (const x of segments[i]!) if (x.model === m) x.forms = [chosen];
  }
}

/**
 * The labels of a domain's columns, in their order: at most LABEL_MAX
 * characters each (plus EMULATED_MARK for an emulator's), all distinct.
 */
export function columnLabels(columns: readonly ColumnToLabel[], context: LabelContext): string[] {
  const models = columns.flatMap((c) => ('baseModel' in c.identity && c.identity.baseModel !== undefined ? [c.identity.baseModel] : []));
  const runsByKey = new Map<string, RunIdentity>();
  const baseOf = new Map<string, string>();
  for (const { identity } of columns)
    if ((identity.role === 'tuned' || identity.role === 'retrieval') && identity.run) {
      runsByKey.set(identity.run.key, identity.run);
      baseOf.set(identity.run.key, identity.baseModel);
    }
  const runs = runSegments([...runsByKey.values()], baseOf, context);
  const marks = columns.map((c) => checkpointMark(c.identity));
  /** The labels with these tags (none yet for most columns): the model names are chosen again, so a tag never makes one column name its model otherwise. */
  const render = (tags: readonly string[]): string[] => {
    const names = modelNames(models);
    const segments = columns.map((c) => columnSegments(c.identity, names, runs));
    const extra = (i: number) => (marks[i] ? marks[i]!.length + 1 : 0) + (tags[i] ? tags[i]!.length + 1 : 0);
    // A run's columns share the room its longest checkpoint mark leaves, so its tuned model and checkpoints read alike but for the mark.
    const room = new Map<string, number>();
    columns.forEach((c, i) => {
      const key = runKeyOf(c.identity);
      if (key) room.set(key, Math.min(room.get(key) ?? LABEL_MAX, LABEL_MAX - extra(i)));
    });
    const budgetOf = (i: number) => room.get(runKeyOf(columns[i]!.identity) ?? '') ?? LABEL_MAX - extra(i);
    chooseModelNames(names, segments, budgetOf);
    alignFacets(segments, budgetOf);
    return columns.map((_, i) => [fit(segments[i]!, budgetOf(i)), tags[i], marks[i]].filter(Boolean).join(' '));
  };
  const tags = columns.map(() => '');
  let labels = render(tags);
  // Columns that still read alike get a tag from their identity (with all the columns of their run, so a checkpoint
  // still says whose it is), longer while two tags agree; past that (two columns of one identity), their place.
  for (let length = 4; duplicates(labels).size > 0 && length <= 18; length += 2) {
    const alike = duplicates(labels);
    const keys = new Set([...alike].map((i) => runKeyOf(columns[i]!.identity)).filter((k) => k !== undefined));
    columns.forEach((c, i) => {
      const key = runKeyOf(c.identity);
      if (alike.has(i) || (key !== undefined && keys.has(key))) tags[i] = length <= 16 ? tag(c.identity, length) : `#${i + 1}`;
    });
    labels = render(tags);
  }
  // Only a label that is itself like `x #3` can still be taken: numbered from the start, a place is unique.
  for (const i of duplicates(labels)) labels[i] = `${i + 1}. ${labels[i]}`.slice(0, LABEL_MAX);
  return labels.map((l, i) => (columns[i]!.emulated ? `${l}${EMULATED_MARK}` : l));
}

/** Indices of labels another label equals. */
function duplicates(labels: readonly string[]): Set<number> {
  const seen = new Map<string, number[]>();
  labels.forEach((l, i) => seen.set(l, [...(seen.get(l) ?? []), i]));
  return new Set([...seen.values()].filter((is) => is.length > 1).flat());
}

/** A run's settings in words: `recipe default, batch auto, lr auto, seed 42, adapterSize 4`. */
function settingsOf(run: RunIdentity): string {
  const options = orderSettingKeys(Object.keys(run.platformOptions)).map((k) => settingLabel(run.platform, k, run.platformOptions[k] ?? null) || `${k} ${run.platformOptions[k]}`);
  return [`recipe ${run.recipe}`, `batch ${run.batchSize}`, `lr ${run.learningRateMultiplier}`, `seed ${run.seed}`, ...options].join(', ');
}

/** What an emulated column's description adds. */
export const EMULATED_DESCRIPTION = 'answered by a loopback emulator of the platform: emulation, not a real model';

/**
 * The whole description of a column, for the provider's config and the
 * eval's description: `gpt-4o-mini tuned 3 epochs @ epoch 1: run
 * fictional-people.gpt-4o-mini.e3 on openai, trained on fictional-people
 * (version 1a2b3c4d5e6f), recipe default, batch auto, lr auto, seed 42;
 * checkpoint ftckpt-1, step 10`.
 */
export function describeColumn(identity: ProviderIdentity, emulated: boolean, context: LabelContext): string {
  const said = ((): string => {
    switch (identity.role) {
      case 'tuned': {
        const head = tunedLabel(identity.baseModel, identity.run?.epochs ?? null);
        if (!identity.run) return `${head}: a tuned model`;
        const r = identity.run;
        const version = context.currentDomainVersion !== null && r.domainVersion !== context.currentDomainVersion ? ', an earlier version than the domain file now' : '';
        const where = `run ${r.name} on ${r.platform}, trained on ${r.domain} (version ${r.domainVersion}${version}), ${settingsOf(r)}`;
        const c = identity.checkpoint;
        return c ? `${checkpointLabel(head, c)}: ${where}; checkpoint ${c.id}, step ${c.step}` : `${head}: ${where}`;
      }
      case 'base':
        return `${baseLabel(identity.baseModel)}: the base model, untuned`;
      case 'in-context':
        return `${inContextLabel(identity.baseModel, identity.variant)}: the base model with the domain's facts in its prompt`;
      case 'retrieval': {
        const facts = `given the ${identity.k} fact statement${identity.k === 1 ? '' : 's'} a BM25 search ranks best for the question`;
        if (!identity.run) return `${retrievalLabel(identity.baseModel, identity.k)}: the base model ${facts}`;
        const r = identity.run;
        return `${withRetrievalLabel(tunedLabel(identity.baseModel, r.epochs), identity.k)}: run ${r.name} on ${r.platform}, trained on ${r.domain} (version ${r.domainVersion}), ${settingsOf(r)}; ${facts}`;
      }
      case 'lookup':
        return 'lookup: the answer of the most similar trained question (BM25), no model';
      case 'replay':
        return `replay${identity.baseModel ? ` of ${identity.baseModel}` : ''}: recorded answers${identity.source ? ` from ${identity.source}` : ''}`;
      case 'reference':
        return `reference${identity.baseModel ? ` ${identity.baseModel}` : ''}`;
    }
  })();
  return emulated ? `${said}; ${EMULATED_DESCRIPTION}` : said;
}
