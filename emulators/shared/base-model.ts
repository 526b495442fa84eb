// What an emulated, untuned model "knows", and how it answers. Shared by the
// emulators so a base model behaves the same on every platform.
//
// The rule (documented in docs/emulators.md, "How the emulated models answer"):
//   1. The question is the known question (from the knowledge domains) that
//      occurs in the last user turn; if several do, the one ending last (the
//      question after any context), then the longest.
//   2. If every fact statement the question rests on appears in the prompt
//      (system instruction and every turn), the model answers the question's
//      answer (an abstain question gets UNKNOWN_ANSWER). This is how the
//      in-context reference (facts in the prompt) scores.
//   3. Otherwise it answers from "world knowledge": a control domain's answer
//      (general knowledge a capable model has), or an update domain's
//      `previous` answer (the stale fact it was trained on long ago).
//   4. Otherwise, and for any prompt holding no known question: UNKNOWN_ANSWER.
// Matching ignores case and runs of whitespace.
import { loadDomainFile, loadDomains, type LoadedDomain } from '../../lib/domain/load.ts';
import { domainQuestions } from '../../lib/domain/questions.ts';
import { fromProjectRoot } from '../../lib/foundation/project-root.ts';

export const UNKNOWN_ANSWER = "I don't know";

export interface KnownQuestion {
  question: string;
  /** The expected answer ('' for abstain questions). */
  answer: string;
  expect: 'answer' | 'abstain';
  /** Statements of the facts the question rests on; all must be in the prompt. */
  statements: string[];
  /** What an untuned model answers without the facts: control answers, update `previous`, else null. */
  priorAnswer: string | null;
  /** Where the question comes from (domain id, split, fact ids), for the paraphrase rule (paraphrase-rule.ts). */
  origin?: { domain: string; split: string; facts: string[] };
}

/** The text a model was given: everything, and the last user turn. */
export interface ModelPrompt {
  /** System instruction and every turn, joined. */
  context: string;
  /** The last user turn. */
  question: string;
}

function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

interface KnownEntry {
  normalized: string;
  entry: KnownQuestion;
  statements: string[];
}

export class BaseModelKnowledge {
  private readonly known: KnownEntry[];

  constructor(questions: readonly KnownQuestion[]) {
    this.known = questions.map((entry) => ({ normalized: normalize(entry.question), entry, statements: entry.statements.map(normalize) }));
  }

  static fromDomains(loaded: readonly LoadedDomain[]): BaseModelKnowledge {
    const questions: KnownQuestion[] = [];
    for (const { domain } of loaded) {
      const statementOf = new Map(domain.facts.map((f) => [f.id, f.statement]));
      for (const q of domainQuestions(domain)) {
        const prior = domain.kind === 'control' ? q.answer : q.previous;
        questions.push({
          question: q.question,
          answer: q.answer,
          expect: q.expect,
          statements: q.facts.map((id) => statementOf.get(id) ?? q.statement),
          priorAnswer: q.expect === 'abstain' ? null : prior || null,
          origin: { domain: domain.id, split: q.split, facts: q.facts },
        });
      }
    }
    return new BaseModelKnowledge(questions);
  }

  /** The knowledge domains under `dir` (default suites/domains). */
  static fromDomainsDir(dir: string = fromProjectRoot('suites/domains')): BaseModelKnowledge {
    return BaseModelKnowledge.fromDomains(loadDomains(dir));
  }

  get size(): number {
    return this.known.length;
  }

  /** The known question asked in `userTurn`, if any (rule 1). */
  find(userTurn: string): KnownQuestion | undefined {
    return this.match(userTurn)?.entry;
  }

  /**
   * The rephrased probes of the fact whose question is `question` (case and
   * spacing ignored), in domain order: what the emulated paraphraser draws on.
   */
  rephrasingsOf(question: string): string[] {
    const asked = normalize(question);
    const own = this.known.find((k) => k.normalized === asked && k.entry.origin && k.entry.origin.split !== 'rephrased')?.entry.origin;
    if (!own || own.facts.length !== 1) return [];
    return this.known
      .filter(({ entry: { origin } }) => origin?.split === 'rephrased' && origin.domain === own.domain && origin.facts.length === 1 && origin.facts[0] === own.facts[0])
      .map((k) => k.entry.question);
  }

  /** The untuned model's answer to `prompt` (rules 2–4). */
  answer(prompt: ModelPrompt): string {
    const known = this.match(prompt.question);
    if (!known) return UNKNOWN_ANSWER;
    const context = normalize(prompt.context);
    const { entry, statements } = known;
    if (statements.length > 0 && statements.every((s) => context.includes(s))) {
      return entry.expect === 'abstain' || entry.answer === '' ? UNKNOWN_ANSWER : entry.answer;
    }
    return entry.priorAnswer ?? UNKNOWN_ANSWER;
  }

  private match(userTurn: string): KnownEntry | undefined {
    const turn = normalize(userTurn);
    let best: { end: number; known: KnownEntry } | undefined;
    for (const known of this.known) {
      const at = known.normalized === '' ? -1 : turn.lastIndexOf(known.normalized);
      if (at === -1) continue;
      const end = at + known.normalized.length;
      if (!best || end > best.end || (end === best.end && known.normalized.length > best.known.normalized.length)) best = { end, known };
    }
    return best?.known;
  }
}

let bundled: BaseModelKnowledge | undefined;

/** The project's own domains (written by lib/generators), whatever else a user keeps in suites/domains. */
export const BUNDLED_DOMAIN_FILES = ['fictional-people.yaml', 'general-knowledge-control.yaml', 'python-renames.yaml'] as const;

/**
 * The bundled domains' knowledge, loaded once per process (emulators start
 * often in tests): an emulator started in code knows only these, so a user's
 * own or broken domain in suites/domains never changes what a test sees. The
 * command line (`npm run emulator`) reads the whole folder instead.
 */
export function bundledKnowledge(): BaseModelKnowledge {
  bundled ??= BaseModelKnowledge.fromDomains(BUNDLED_DOMAIN_FILES.map((f) => loadDomainFile(fromProjectRoot(`suites/domains/${f}`))));
  return bundled;
}
