// How an emulated tuned model answers: it "knows" exactly its training data
// (as the OpenAI emulator's tuned models do) and otherwise behaves as its
// base model. A last user turn equal (trimmed) to a trained user turn gets the
// trained answer, the latest pair winning; anything else goes to the
// base-model rule (base-model.ts), so facts in the prompt, control questions
// and stale `previous` answers behave the same tuned or not.
import type { BaseModelKnowledge, ModelPrompt } from './base-model.ts';

/** One trained exchange: the user turn (trimmed) and the answer trained for it. */
export interface TrainingPair {
  prompt: string;
  answer: string;
}

export function learnedAnswer(pairs: readonly TrainingPair[], userTurn: string): string | undefined {
  const prompt = userTurn.trim();
  for (let i = pairs.length - 1; i >= 0; i--) if (pairs[i]!.prompt === prompt) return pairs[i]!.answer;
  return undefined;
}

/** A tuned model's answer (`pairs` = its training data) or, with no pairs, a base model's. */
export function modelAnswer(knowledge: BaseModelKnowledge, pairs: readonly TrainingPair[], prompt: ModelPrompt): string {
  return learnedAnswer(pairs, prompt.question) ?? knowledge.answer(prompt);
}
