/**
 * The leak check: augmented training text must never be, or nearly be, a
 * question the domain asks at evaluation. Every text is compared with every
 * evaluation probe of the domain (rephrased, derived, comparison, applied,
 * abstain: every question but the trained ones), after the grading
 * normalization (lib/grading/normalize.ts: case, punctuation, articles,
 * number words, thousands separators, invisible characters and lookalike
 * letters of other scripts, so `Wh\u200dich c\u043ede` reads `which code`):
 *
 *   exact           the normalized texts are equal;
 *   near-duplicate  they share at least NEAR_DUPLICATE_OVERLAP of the tokens
 *                   of the shorter one: |A ∩ B| / min(|A|, |B|) over their
 *                   sets of normalized tokens (so a text that contains a
 *                   probe, or one a probe contains, is one).
 *
 * The first probe that matches is reported; exact before near-duplicate.
 */
import type { Domain } from '../domain/schema.ts';
import { domainQuestions, type Question } from '../domain/questions.ts';
import { answerTokens, normalizeAnswer } from '../grading/normalize.ts';

/** Token overlap (of the shorter text) from which a text counts as a near-duplicate of a probe. */
export const NEAR_DUPLICATE_OVERLAP = 0.8;

export const LEAK_RULE = `exact: equal after normalization; near-duplicate: shares ≥ ${NEAR_DUPLICATE_OVERLAP} of the shorter text's normalized tokens with a probe`;

export interface Leak {
  kind: 'exact' | 'near-duplicate';
  probe: Pick<Question, 'id' | 'split' | 'question'>;
  /** Shared tokens ÷ tokens of the shorter text (1 for exact). */
  overlap: number;
}

/** |A ∩ B| / min(|A|, |B|); 0 when either is empty. */
export function tokenOverlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / Math.min(a.size, b.size);
}

export class LeakCheck {
  private readonly probes: { q: Question; normalized: string; tokens: Set<string> }[];

  constructor(domain: Domain) {
    this.probes = domainQuestions(domain)
      .filter((q) => !q.trained && q.split !== 'locality')
      .map((q) => ({ q, normalized: normalizeAnswer(q.question), tokens: new Set(answerTokens(q.question)) }));
  }

  get probeCount(): number {
    return this.probes.length;
  }

  /** The leak `text` would be, or null when it is far enough from every probe. */
  check(text: string): Leak | null {
    const normalized = normalizeAnswer(text);
    const tokens = new Set(answerTokens(text));
    const view = (q: Question) => ({ id: q.id, split: q.split, question: q.question });
    for (const p of this.probes) if (p.normalized === normalized) return { kind: 'exact', probe: view(p.q), overlap: 1 };
    let worst: Leak | null = null;
    for (const p of this.probes) {
      const overlap = tokenOverlap(tokens, p.tokens);
      if (overlap >= NEAR_DUPLICATE_OVERLAP && (!worst || overlap > worst.overlap)) worst = { kind: 'near-duplicate', probe: view(p.q), overlap };
    }
    return worst;
  }
}
