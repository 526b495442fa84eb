// How an emulated tuned model answers: it "knows" its training data by the
// learning rule (learning-rule.ts: the pairs its progress through training
// has reached, exactly or by a close enough question) and otherwise behaves
// as its base model (base-model.ts), so facts in the prompt, control
// questions and stale `previous` answers behave the same tuned or not. Any
// model, tuned or not, answers `npm run augment`'s requests with rule-made
// rewrites (paraphrase-rule.ts).
import type { BaseModelKnowledge, ModelPrompt } from './base-model.ts';
import { trainedAnswer } from './learning-rule.ts';
import { paraphraseReply } from './paraphrase-rule.ts';

/** One trained exchange: the user turn (trimmed) and the answer trained for it. */
export interface TrainingPair {
  prompt: string;
  answer: string;
}

/**
 * A model's answer: `pairs` is its training data (none for a base model) and
 * `progress` the share of its training it has seen (1 for a job's final
 * model, k/n for the checkpoint after epoch k of n).
 */
export function modelAnswer(knowledge: BaseModelKnowledge, pairs: readonly TrainingPair[], prompt: ModelPrompt, progress = 1): string {
  return paraphraseReply(knowledge, prompt.question) ?? trainedAnswer(pairs, prompt.question, progress) ?? knowledge.answer(prompt);
}
