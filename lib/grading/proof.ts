/**
 * What a deterministic stage may conclude about an output, by one rule:
 * it passes an output only when it can prove that the output asserts
 * exactly one answer of the reference's kind, that this answer is accepted,
 * and that nothing around it negates, doubts, conditions, quotes as someone
 * else's claim, scales, retracts or adds a rival to it.
 *
 * `proveAnswer(ref, output)` finds the mentions of an accepted answer, takes
 * them out, and passes only when what remains
 * - holds no word of the closed lists (word-lists.ts: NEGATION, DOUBT,
 *   CONDITION, RETRACTION, ATTRIBUTION, ALTERNATIVE; any word ending in
 *   n't; a question mark outside a restated question), unless the word is
 *   part of the question's own wording (a pair of words the question has);
 * - names no other candidate of the answer's kind (candidates.ts) outside
 *   the question's words: for a number, another quantity that is not a year
 *   (unless the answer is one), not part of a date and not of another
 *   dimension ("a six-year contract worth $8.075 million" is fine); for a
 *   date, another date; for an identifier, another identifier; for a name,
 *   another name, except one typed otherwise than the question asks
 *   ("Tanzania's leader, President Samia Suluhu Hassan" for "which
 *   nation"); for a lower-case phrase, a neighbour joined by and, plus, / or
 *   a list of short items;
 * - is English (no word of another language, no non-Latin letters).
 * A mention counts only as a whole: not inside a longer name or identifier
 * (`Orla-Venn-Smith` holds no `Venn`), a number only with its scale and unit
 * (`126 thousand` is not 126; `126 kg` is not 126 pounds) and with no bound
 * the reference lacks (`more than 126`); a reference's own bound may be
 * dropped (`7 million pounds` for "more than 7 million pounds"). A score
 * `7-0` is also answered by its winning side when the question asks how
 * many a side scored to win. Hidden markup (an HTML comment) asserts
 * nothing: the visible text must prove the answer, and the whole text too.
 *
 * On update questions the previous answer is taken out first; each of its
 * mentions must be marked old in its own clause (a NEGATION or RETRACTION
 * word: "formerly json.loads, now json.parse_text") or be the `from` of
 * "from <previous> to <answer>".
 *
 * `shortWrongAnswer(ref, output)` is the only failing rule: the output is
 * itself a short answer of the answer's kind (one name, number, date or
 * identifier and carrier words: word-lists.ts CARRIERS) that names no
 * accepted answer (a name sharing no word with one and not its initials; a
 * number of another value in the same unit; another date as precise;
 * another identifier, not part of an accepted one and not ending in the
 * same name).
 */
import {
  allInQuestion, candidateTokens, couldAnswer, dimensionOf, joinedChunks, unitsNamed, findDates, findIdentifiers, findNames, findQuantities, isIdentifier, nameWords, questionKind, sameValue, wordsOf,
  type CandidateToken, type Name, type Quantity, type QuestionKind,
} from './candidates.ts';
import { acceptedAnswers, type Reference } from './reference.ts';
import { ALTERNATIVE, ATTRIBUTION, CARRIERS, COMPARISON, CONDITION, DATE_BOUNDS, DOUBT, FOREIGN_FUNCTION_WORDS, NEGATION, RETRACTION, WIN_WORDS } from './word-lists.ts';

export type AnswerKind = 'number' | 'score' | 'date' | 'identifier' | 'name' | 'phrase';

const words = (list: readonly string[]) => list.map(wordsOf).filter((w) => w.length > 0);
const CLOSED: [string, string[][]][] = [
  ['negation', words(NEGATION)],
  ['doubt', words(DOUBT)],
  ['condition', words(CONDITION)],
  ['retraction', words(RETRACTION)],
  ['attribution', words(ATTRIBUTION)],
  ['alternative', words(ALTERNATIVE)],
  ['comparison', words(COMPARISON)],
];
const MARKS_OLD = new Set(['negation', 'retraction']);
const CARRIER_WORDS = new Set(words(CARRIERS).flat());
const FOREIGN = new Set(FOREIGN_FUNCTION_WORDS);
const WIN = new Set(WIN_WORDS);
const LIST_JOINERS = new Set(['and', 'plus', '&']);
const MASKED = '\u0000previous';
const SCORE = /^\s*(\d+)\s*(?:[-–—:]|to)\s*(\d+)\s*$/;

/** The text a reader sees: HTML comments removed, tags replaced by spaces. */
export function visibleText(output: string): string {
  return output.replace(/<!--[\s\S]*?(?:-->|$)/g, ' ').replace(/<\/?[A-Za-z][^<>]*>/g, ' ');
}

/** The whole text with markup delimiters as spaces (comment contents kept). */
function wholeText(output: string): string {
  return output.replace(/<!--|-->/g, ' ').replace(/<\/?[A-Za-z][^<>]*>/g, ' ');
}

interface AcceptedQuantity {
  value: number;
  unit: string | null;
  dimension: string | null;
  bound: string | null;
  year: boolean;
}

interface Reading {
  ref: Reference;
  targets: string[];
  kind: AnswerKind;
  asks: QuestionKind;
  quantities: AcceptedQuantity[];
  targetWords: string[][];
  questionWords: Set<string>;
  questionPairs: Set<string>;
  /** Units the question names ("How many pounds …"). */
  questionUnits: Set<string>;
}

function onlyQuantity(text: string): Quantity | null {
  const tokens = candidateTokens(text);
  const qs = findQuantities(tokens);
  return qs.length === 1 && qs[0]!.start === 0 && qs[0]!.end === tokens.length ? qs[0]! : null;
}

export function answerKind(targets: readonly string[]): AnswerKind {
  if (targets.some((t) => SCORE.test(t))) return 'score';
  const toks = targets.map(candidateTokens);
  if (toks.some((ts) => findDates(ts).length > 0)) return 'date';
  if (targets.every((t) => onlyQuantity(t) !== null)) return 'number';
  if (targets.some(isIdentifier)) return 'identifier';
  return targets.some((t) => /\p{Lu}/u.test(t)) ? 'name' : 'phrase';
}

function readingOf(ref: Reference, targets: readonly string[]): Reading {
  const q = wordsOf(ref.question);
  const kind = answerKind(targets);
  const quantities: AcceptedQuantity[] = [];
  if (kind === 'number') for (const t of targets) quantities.push(onlyQuantity(t)!);
  if (kind === 'score') {
    // "How many points did Japan score to win": the winning side's count answers it.
    const asksCount = q.some((w, i) => w === 'how' && (q[i + 1] === 'many' || q[i + 1] === 'much'));
    if (asksCount && q.some((w) => WIN.has(w)))
      for (const t of targets) {
        const m = SCORE.exec(t);
        if (m) quantities.push({ value: Math.max(Number(m[1]), Number(m[2])), unit: null, dimension: null, bound: null, year: false });
      }
  }
  return {
    ref,
    targets: [...targets],
    kind,
    asks: questionKind(ref.question),
    quantities,
    targetWords: targets.map((t) => (kind === 'name' ? nameWords(t) : wordsOf(t))).filter((w) => w.length > 0),
    questionWords: new Set(q),
    questionPairs: new Set(q.slice(1).map((w, i) => `${q[i]} ${w}`)),
    questionUnits: unitsNamed(q),
  };
}

function runsOf(tokens: readonly CandidateToken[], run: readonly string[]): number[] {
  const out: number[] = [];
  if (run.length === 0) return out;
  for (let i = 0; i + run.length <= tokens.length; i++) if (run.every((w, j) => tokens[i + j]!.text === w)) out.push(i);
  return out;
}

const isSubRun = (inner: readonly string[], outer: readonly string[]) =>
  inner.length <= outer.length && outer.some((_, i) => inner.every((w, j) => outer[i + j] === w));

/** A number's unit fits the answer's: none said, the same, or (for an answer without one) none the question rules out. */
function unitFits(found: Quantity, accepted: AcceptedQuantity, r: Reading): boolean {
  if (found.unit === null || found.unit === accepted.unit) return true;
  if (accepted.unit !== null) return false;
  return r.questionUnits.size === 0 || r.questionUnits.has(found.unit);
}

function boundFits(found: Quantity, accepted: AcceptedQuantity): boolean {
  if (found.bound !== null) return found.bound === accepted.bound;
  // An approximation is no claim of a bound; a reference's own bound may be dropped.
  return !found.approximate || accepted.bound === null;
}

interface Mentions {
  spans: [number, number][];
  /** Why a near-mention does not count, when none counts. */
  blocked?: string;
}

function mentionsIn(r: Reading, tokens: readonly CandidateToken[], text: string, names: readonly Name[]): Mentions {
  const spans: [number, number][] = [];
  let blocked: string | undefined;
  if (r.kind === 'number' || r.kind === 'score') {
    for (const q of findQuantities(tokens)) {
      const same = r.quantities.filter((a) => sameValue(a.value, q.value));
      if (same.some((a) => unitFits(q, a, r) && boundFits(q, a))) spans.push([q.start, q.end]);
      else if (same.length) blocked = q.bound ? `the answer with a bound ("${q.bound}")` : 'the answer in another unit';
    }
  }
  if (r.kind !== 'number')
    for (const w of r.targetWords) {
      const forms = r.kind === 'score' ? [w, [w[0]!, 'to', w[1]!]] : [w];
      for (const f of forms) for (const i of runsOf(tokens, f)) spans.push([i, i + f.length]);
    }
  // "Orla Venn's deputy" names the deputy, unless the question asks whose ("Which nation's leader …").
  const asksWhose = /\b(?:whose|(?:which|what)\s+\S+['’]s)\b/iu.test(r.ref.question);
  if (!asksWhose && r.kind !== 'number') {
    const owned = spans.filter(([, e]) => tokens[e - 1]?.possessive);
    if (owned.length === spans.length && spans.length) return { spans: [], blocked: 'only as a possessive ("…\'s")' };
    spans.splice(0, spans.length, ...spans.filter((sp) => !owned.includes(sp)));
  }
  if (r.kind === 'date') {
    const moved = spans.filter(([s]) => DATE_BOUND.has(tokens[s - 1]?.text ?? ''));
    if (moved.length) return { spans: [], blocked: `a date moved by "${tokens[moved[0]![0] - 1]!.text}"` };
  }
  // A mention inside a link, handle, path, identifier or hyphenated name is none ("https://example.com/venn", "Orla-Venn-Smith").
  const chunks = joinedChunks(text, r.kind === 'name' || r.kind === 'phrase').filter((c) => c.link || !r.targetWords.some((w) => w.join(' ') === c.words.join(' ')));
  const embedded = spans.filter(([s, e]) => chunks.some((c) => isSubRun(tokens.slice(s, e).map((t) => t.text), c.words)));
  if (embedded.length) {
    const kept = spans.filter((sp) => !embedded.includes(sp));
    if (kept.length === 0) return { spans: [], blocked: 'inside a longer identifier, link or name' };
    spans.splice(0, spans.length, ...kept);
  }
  if (spans.length && r.kind === 'name') {
    const inside = names.find((n) => r.targetWords.some((w) => isSubRun(w, n.words) && n.words.length > w.length) && !r.targetWords.some((w) => isSubRun(n.words, w)));
    if (inside) return { spans: [], blocked: `inside a longer name "${inside.raw}"` };
  }
  if (spans.length && r.kind === 'identifier') {
    const ids = findIdentifiers(text);
    if (!ids.some((id) => r.targetWords.some((w) => id.join(' ') === w.join(' ')))) return { spans: [], blocked: 'inside a longer identifier' };
  }
  return { spans, ...(blocked ? { blocked } : {}) };
}

/** Other candidates of the answer's kind outside the mentions and the question's words. */
function rivalsIn(r: Reading, tokens: readonly CandidateToken[], text: string, covered: ReadonlySet<number>, names: readonly Name[], previous: string[] | null): string[] {
  const rivals: string[] = [];
  const inQuestion = (ws: readonly string[]) => ws.length > 0 && ws.every((w) => r.questionWords.has(w));
  if (r.kind === 'number' || r.kind === 'score') {
    const yearAnswer = r.quantities.some((a) => a.year);
    // What the answer measures, from its own unit or the question's ("How many pounds …").
    const dims = new Set([...r.quantities.map((a) => a.dimension), ...[...r.questionUnits].map(dimensionOf)].filter((d) => d !== null));
    for (const q of findQuantities(tokens)) {
      if (covered.has(q.start) || covered.has(q.end - 1)) continue;
      const word = tokens.slice(q.start, q.end).find((t) => /\d/.test(t.text))?.text ?? '';
      if (r.questionWords.has(word)) continue;
      if (q.year && !yearAnswer) continue;
      if (q.fromWords && q.value === 1) continue;
      if (q.dimension !== null && dims.size > 0 && !dims.has(q.dimension)) continue;
      rivals.push(tokens.slice(q.start, q.end).map((t) => t.text).join(' '));
    }
  } else if (r.kind === 'date') {
    const keys = r.targetWords.flatMap((w) => findDates(candidateTokens(w.join(' '))).map((d) => d.key));
    for (const d of findDates(tokens)) {
      if (covered.has(d.start)) continue;
      if (keys.some((k) => k === d.key || k.startsWith(`${d.key} `) || d.key.startsWith(`${k} `))) continue;
      if (inQuestion(d.key.split(' '))) continue;
      rivals.push(d.key);
    }
  } else if (r.kind === 'identifier') {
    for (const id of findIdentifiers(text)) {
      if (r.targetWords.some((w) => w.join(' ') === id.join(' ')) || inQuestion(id)) continue;
      if (previous && previous.join(' ') === id.join(' ')) continue;
      rivals.push(id.join('.'));
    }
  } else if (r.kind === 'name') {
    for (const n of names) {
      if (r.targetWords.some((w) => isSubRun(n.words, w)) || allInQuestion(n.words, r.questionWords)) continue;
      if (previous && isSubRun(n.words, previous)) continue;
      if (!couldAnswer(r.asks, n.type)) continue;
      rivals.push(n.raw);
    }
  }
  return rivals;
}

/** A lower-case phrase named in a list: "an assault-style rifle and a shotgun", "rifle, shotgun". */
function listedPhrase(tokens: readonly CandidateToken[], spans: readonly [number, number][], r: Reading): boolean {
  for (const [s, e] of spans) {
    const before = tokens[s - 1];
    const after = tokens[e];
    if ((before && LIST_JOINERS.has(before.text) && before.clause === tokens[s]!.clause) || (after && LIST_JOINERS.has(after.text) && after.clause === tokens[e - 1]!.clause))
      return true;
    const clause = tokens[s]!.clause;
    const own = tokens.filter((t, i) => t.clause === clause && (i < s || i >= e) && !CARRIER_WORDS.has(t.text) && !r.questionWords.has(t.text));
    if (own.length > 0) continue;
    const clauses = new Map<number, CandidateToken[]>();
    for (const t of tokens) if (t.clause !== clause) clauses.set(t.clause, [...(clauses.get(t.clause) ?? []), t]);
    if ([...clauses.values()].some((c) => c.length <= 3 && c.some((t) => !r.questionWords.has(t.text) && !CARRIER_WORDS.has(t.text)))) return true;
  }
  return false;
}

/** The first closed-list word that the output holds outside its mentions and the question's wording. */
function closedWord(r: Reading, tokens: readonly CandidateToken[], covered: ReadonlySet<number>, oldClauses: ReadonlySet<number>, only?: ReadonlySet<string>): string | null {
  const excused = (i: number) =>
    r.questionPairs.has(`${tokens[i - 1]?.text} ${tokens[i]!.text}`) || r.questionPairs.has(`${tokens[i]!.text} ${tokens[i + 1]?.text}`);
  for (const [list, runs] of CLOSED) {
    if (only && !only.has(list)) continue;
    for (const run of runs)
      for (const i of runsOf(tokens, run)) {
        if (covered.has(i)) continue;
        if (run.length === 1 ? excused(i) : run.every((_, j) => r.questionWords.has(run[j]!)) && excused(i)) continue;
        if (MARKS_OLD.has(list) && oldClauses.has(tokens[i]!.clause)) continue;
        return `${list} "${run.join(' ')}"`;
      }
  }
  if (only && !only.has('negation')) return null;
  const nt = tokens.findIndex((t, i) => t.text.endsWith("n't") && !covered.has(i) && !excused(i) && !oldClauses.has(t.clause));
  return nt === -1 ? null : `negation "${tokens[nt]!.text}"`;
}

/** A question mark after words that are not the question restated ("Halcyon-7?"). */
function questionMark(r: Reading, text: string): boolean {
  const parts = text.split('?');
  return parts.slice(0, -1).some((part) => {
    const sentence = part.split(/[.!\n:]/).pop() ?? '';
    const ws = wordsOf(sentence);
    return ws.some((w) => !r.questionWords.has(w));
  });
}

/**
 * A word that says the text is not English: one written with letters of
 * another script (read on the raw text, before any folding), or a word of
 * FOREIGN_FUNCTION_WORDS; words of the question, statement and answers and
 * words inside names do not count.
 */
export function notEnglish(text: string, tokens: readonly CandidateToken[], knownText: string, names: readonly Name[]): string | null {
  const knownRaw = new Set(knownText.split(/[^\p{L}\p{M}]+/u));
  const other = text.split(/[^\p{L}\p{M}]+/u).find((w) => /[^\p{Script=Latin}\p{M}]/u.test(w) && w !== '' && !knownRaw.has(w));
  if (other) return other;
  const known = new Set(wordsOf(knownText));
  const inNames = new Set(names.flatMap((n) => n.words));
  return tokens.find((t) => FOREIGN.has(t.text) && !known.has(t.text) && !inNames.has(t.text))?.text ?? null;
}

/** Whether `ref` has an answer whose words hold the previous answer (then the previous answer is not taken out). */
function previousToMask(ref: Reference, targets: readonly string[]): string[] | null {
  if (ref.previous === null || ref.previous.trim() === '') return null;
  const prev = wordsOf(ref.previous);
  return targets.some((t) => isSubRun(prev, wordsOf(t))) ? null : prev;
}

function maskRuns(tokens: readonly CandidateToken[], run: readonly string[] | null): CandidateToken[] {
  if (!run || run.length === 0) return [...tokens];
  const out: CandidateToken[] = [];
  for (let i = 0; i < tokens.length; ) {
    if (run.every((w, j) => tokens[i + j]?.text === w)) {
      out.push({ text: MASKED, clause: tokens[i]!.clause });
      i += run.length;
    } else out.push(tokens[i++]!);
  }
  return out;
}

export interface ProofResult {
  proven: boolean;
  reason: string;
}

function proveIn(r: Reading, text: string): ProofResult {
  const previous = previousToMask(r.ref, r.targets);
  const tokens = maskRuns(candidateTokens(text), previous);
  const names = r.kind === 'name' ? findNames(text).filter((n) => !(previous && n.words.join(' ') === previous.join(' '))) : [];
  const { spans, blocked } = mentionsIn(r, tokens, text, r.kind === 'name' ? findNames(text) : []);
  if (spans.length === 0) return { proven: false, reason: blocked ? `no proven mention: ${blocked}` : 'the answer is not in the output' };
  const covered = new Set(spans.flatMap(([s, e]) => Array.from({ length: e - s }, (_, k) => s + k)));
  const knownText = [r.ref.question, r.ref.statement, ...r.targets, r.ref.previous ?? ''].join('\n');
  const foreign = notEnglish(text, tokens.filter((_, i) => !covered.has(i) && tokens[i]!.text !== MASKED), knownText, findNames(text));
  if (foreign) return { proven: false, reason: `not in English ("${foreign}")` };
  // The previous answer: each mention marked old in its own clause, or "from <previous> to <answer>".
  const oldClauses = new Set<number>();
  const mentionClauses = new Set(spans.map(([s]) => tokens[s]!.clause));
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.text !== MASKED) continue;
    const clause = tokens[i]!.clause;
    const fromTo = tokens[i - 1]?.text === 'from' && spans.some(([s]) => s > i && tokens[s - 1]?.text === 'to' && tokens[s]!.clause === clause);
    if (fromTo) continue;
    const marked = !mentionClauses.has(clause) && closedWord(r, tokens.filter((t) => t.clause === clause), new Set(), new Set(), MARKS_OLD) !== null;
    if (!marked) return { proven: false, reason: 'also names the previous answer, not marked as old' };
    oldClauses.add(clause);
  }
  const closed = closedWord(r, tokens, covered, oldClauses);
  if (closed) return { proven: false, reason: closed };
  if (questionMark(r, text)) return { proven: false, reason: 'doubt: a question mark' };
  const rivals = rivalsIn(r, tokens, text, covered, names, previous);
  if (rivals.length) return { proven: false, reason: `several candidates: the answer and ${rivals.slice(0, 3).map((x) => JSON.stringify(x)).join(', ')}` };
  if (r.kind === 'phrase' && listedPhrase(tokens, spans, r)) return { proven: false, reason: 'several candidates: the answer is one item of a list' };
  return { proven: true, reason: 'asserts the answer and nothing against it' };
}

/** Whether the output proves an accepted answer (or, with `targets`, one of those). */
export function proveAnswer(ref: Reference, output: string, targets: readonly string[] = acceptedAnswers(ref)): ProofResult {
  if (targets.length === 0) return { proven: false, reason: 'no answer to look for' };
  const r = readingOf(ref, targets);
  const visible = visibleText(output);
  const whole = wholeText(output);
  const seen = proveIn(r, visible);
  if (!seen.proven || whole === visible) return seen;
  const all = proveIn(r, whole);
  return all.proven ? seen : { proven: false, reason: `${all.reason} (in hidden markup)` };
}

const initials = (ws: readonly string[]) => ws.map((w) => w[0]).join('');

/** The candidate a short wrong answer names (see the header), or null. */
export function shortWrongAnswer(ref: Reference, output: string): string | null {
  const targets = acceptedAnswers(ref);
  if (targets.length === 0 || /\?/.test(output) || visibleText(output) !== output) return null;
  const r = readingOf(ref, targets);
  const tokens = candidateTokens(output);
  if (tokens.length === 0 || closedWord(r, tokens, new Set(), new Set())) return null;
  if (notEnglish(output, tokens, [ref.question, ref.statement, ...targets].join('\n'), findNames(output))) return null;
  const carriersOnly = (from: number, to: number) => tokens.every((t, i) => (i >= from && i < to) || CARRIER_WORDS.has(t.text));
  if (r.kind === 'number') {
    const qs = findQuantities(tokens);
    if (qs.length !== 1) return null;
    const q = qs[0]!;
    // Number words in a row ("one-two-six") are no number normalization can read for sure.
    if (!carriersOnly(q.start, q.end) || q.bound !== null || q.approximate || q.fromWords) return null;
    if (r.quantities.some((a) => sameValue(a.value, q.value))) return null;
    if (!r.quantities.every((a) => unitFits(q, a, r)) || (q.year && !r.quantities.some((a) => a.year))) return null;
    return tokens.slice(q.start, q.end).map((t) => t.text).join(' ');
  }
  if (r.kind === 'date') {
    const ds = findDates(tokens);
    if (ds.length !== 1 || !carriersOnly(ds[0]!.start, ds[0]!.end)) return null;
    const keys = r.targetWords.flatMap((w) => findDates(candidateTokens(w.join(' '))).map((d) => d.key));
    const d = ds[0]!.key;
    if (keys.some((k) => k === d || k.split(' ').length !== d.split(' ').length)) return null;
    return d;
  }
  if (r.kind === 'identifier') {
    const ids = findIdentifiers(output);
    if (ids.length !== 1) return null;
    const id = ids[0]!;
    const at = runsOf(tokens, id)[0];
    if (at === undefined || !carriersOnly(at, at + id.length)) return null;
    // Another identifier, not a part of an accepted one (`parse_text`) nor another path to the same name (`np.array` for `numpy.array`).
    if (r.targetWords.some((w) => isSubRun(id, w) || isSubRun(w, id) || w.at(-1) === id.at(-1))) return null;
    return id.join('.');
  }
  if (r.kind === 'name') {
    const names = findNames(output);
    if (names.length !== 1) return null;
    const n = names[0]!;
    const at = runsOf(tokens, n.words)[0];
    if (at === undefined) return null;
    // Titles before the name are carriers here ("President Kit Maro").
    const titled = wordsOf(n.raw);
    const start = runsOf(tokens, titled)[0] ?? at;
    if (!carriersOnly(Math.min(start, at), at + n.words.length)) return null;
    const accepted = r.targetWords;
    if (accepted.some((w) => w.some((x) => n.words.includes(x)))) return null;
    if (accepted.some((w) => initials(w) === n.words.join('') || initials(n.words) === w.join(''))) return null;
    return n.raw;
  }
  return null;
}

const HEDGES: ReadonlySet<string> = new Set(['doubt', 'condition', 'retraction', 'attribution', 'alternative']);
const DATE_BOUND = new Set(DATE_BOUNDS.flatMap(wordsOf));

/**
 * For closed questions (choices), where "no" and "not" are answers' own
 * words: the first word of the doubt, condition, retraction, attribution or
 * alternative lists, a question mark, or a word of another language; null
 * when there is none.
 */
export function hedgeIn(ref: Reference, output: string): string | null {
  const r = readingOf(ref, acceptedAnswers(ref).length ? acceptedAnswers(ref) : [ref.answer]);
  const tokens = candidateTokens(output);
  const foreign = notEnglish(output, tokens, [ref.question, ref.statement, ...(ref.choices ?? [])].join('\n'), findNames(output));
  if (foreign) return `not in English ("${foreign}")`;
  if (questionMark(r, output)) return 'doubt: a question mark';
  return closedWord(r, tokens, new Set(), new Set(), HEDGES);
}
