// How much an emulated tuned model has learned, and from what it generalizes:
// one deterministic rule for the OpenAI, Vertex AI and Together emulators
// (documented in docs/emulators.md, "How the emulated models answer"), so that a learning curve
// over checkpoints and a difference between training recipes show offline.
//
//   Progress. A model has seen a share `progress` of its training: k/n for
//   the checkpoint after epoch k of an n-epoch job (step s of S: s/S), 1 for
//   the job's final model.
//   Learned. Each trained pair (user turn, answer) has a fixed rank in [0, 1),
//   the first 32 bits of the SHA-256 of its user turn (trimmed) over 2^32. A
//   model knows the pairs whose rank is below its progress: about a third of
//   them after epoch 1 of 3, two thirds after epoch 2, all at the end.
//   Exact. A last user turn equal (trimmed) to a learned trained turn gets that
//   turn's answer (the latest pair wins).
//   Close. Otherwise the learned turn closest to it answers, when it is close
//   enough: closeness = the weight of the asked turn's words that the trained
//   turn also has ÷ the weight of all the asked turn's words, each word
//   weighted by its rarity in the training file, idf(w) = ln((1 + P) / (1 + p_w))
//   (P trained turns, p_w of them containing w; words are lower-cased runs of
//   letters and digits). Words every trained turn has (the prompt template)
//   weigh nothing; words no trained turn has weigh most. A closeness of at
//   least CLOSE_ENOUGH answers; ties go to the later pair.
//   Otherwise the model answers as its base model (base-model.ts).
import { createHash } from 'node:crypto';

/** One trained exchange: the user turn (trimmed) and the answer trained for it. */
export interface TrainingPair {
  prompt: string;
  answer: string;
}

/** Closeness from which a trained turn answers a question it was not trained on verbatim. */
export const CLOSE_ENOUGH = 0.7;

/** The words of a text: lower-cased runs of letters and digits. */
export function words(text: string): Set<string> {
  return new Set(text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

/** A pair's fixed place in the order of learning, in [0, 1). */
export function learningRank(prompt: string): number {
  return createHash('sha256').update(prompt.trim()).digest().readUInt32BE(0) / 2 ** 32;
}

/** True when a model that has seen `progress` of its training knows the pair. */
export function isLearned(prompt: string, progress: number): boolean {
  return progress >= 1 || learningRank(prompt) < progress;
}

interface Indexed {
  pairs: readonly TrainingPair[];
  words: Set<string>[];
  ranks: number[];
  idf: (w: string) => number;
}

const indexes = new WeakMap<readonly TrainingPair[], Indexed>();

/** Words, ranks and word weights of a training file, computed once per model. */
function indexOf(pairs: readonly TrainingPair[]): Indexed {
  let index = indexes.get(pairs);
  if (index) return index;
  // A word counts once per distinct trained turn.
  const distinct = [...new Set(pairs.map((p) => p.prompt))];
  const df = new Map<string, number>();
  for (const turn of distinct) for (const w of words(turn)) df.set(w, (df.get(w) ?? 0) + 1);
  const idf = (w: string) => Math.log((1 + distinct.length) / (1 + (df.get(w) ?? 0)));
  index = { pairs, words: pairs.map((p) => words(p.prompt)), ranks: pairs.map((p) => learningRank(p.prompt)), idf };
  indexes.set(pairs, index);
  return index;
}

/** Closeness of an asked turn to a trained turn (see the rule above), in [0, 1]. */
export function closeness(asked: Set<string>, trained: Set<string>, idf: (w: string) => number): number {
  let all = 0;
  let shared = 0;
  for (const w of asked) {
    const weight = idf(w);
    all += weight;
    if (trained.has(w)) shared += weight;
  }
  return all === 0 ? 0 : shared / all;
}

/** What a tuned model that has seen `progress` of its training answers from it, or undefined (its base model answers). */
export function trainedAnswer(pairs: readonly TrainingPair[], userTurn: string, progress = 1): string | undefined {
  if (pairs.length === 0) return undefined;
  const index = indexOf(pairs);
  const learned = (i: number) => progress >= 1 || index.ranks[i]! < progress;
  const asked = userTurn.trim();
  for (let i = pairs.length - 1; i >= 0; i--) if (pairs[i]!.prompt === asked && learned(i)) return pairs[i]!.answer;
  const askedWords = words(asked);
  let best: { score: number; answer: string } | undefined;
  for (let i = 0; i < pairs.length; i++) {
    if (!learned(i)) continue;
    const score = closeness(askedWords, index.words[i]!, index.idf);
    if (score >= CLOSE_ENOUGH && (!best || score >= best.score)) best = { score, answer: pairs[i]!.answer };
  }
  return best?.answer;
}
