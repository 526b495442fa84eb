// How an emulated tuned model answers: it "knows" its training data by the
// learning rule (learning-rule.ts: the pairs its progress through training
// has reached, exactly or by a close enough question) and otherwise behaves
// as its base model (base-model.ts), so facts in the prompt, control
// questions and stale `previous` answers behave the same tuned or not. Any
// model, tuned or not, answers `npm run augment`'s requests with rule-made
// rewrites (paraphrase-rule.ts).
import type { BaseModelKnowledge, ModelPrompt } from './base-model.ts';
import { trainedAnswer, type TrainingPair } from './learning-rule.ts';
import { paraphraseReply } from './paraphrase-rule.ts';

export type { TrainingPair } from './learning-rule.ts';

/**
 * A model's answer: `pairs` is its training data (none for a base model) and
 * `progress` the share of its training it has seen (1 for a job's final
 * model, k/n for the checkpoint after epoch k of n).
 */
export function modelAnswer(knowledge: BaseModelKnowledge, pairs: readonly TrainingPair[], prompt: ModelPrompt, progress = 1): string {
  return paraphraseReply(knowledge, prompt.question) ?? trainedAnswer(pairs, prompt.question, progress) ?? knowledge.answer(prompt);
}
