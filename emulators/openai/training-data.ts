// Reading a chat fine-tuning JSONL file the way the real validator does (one
// `{messages:[...]}` object per line, at least one assistant turn, a minimum
// number of examples), and extracting what the emulated model "learns": the
// answer trained for each user turn.
import { messageText } from '../shared/message-text.ts';
import { approxTokens } from '../shared/tokens.ts';
import type { TrainingPair } from '../shared/tuned-model.ts';

export interface ParsedTrainingFile {
  examples: number;
  /** Approximate tokens in one pass over the file. */
  tokens: number;
  pairs: TrainingPair[];
}

export interface TrainingFileProblem {
  message: string;
}

const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool', 'function']);


/** Parses and validates the file; returns the first problem found, as the real job error would. */
export function parseTrainingFile(text: string, minExamples: number): ParsedTrainingFile | TrainingFileProblem {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const pairs: TrainingPair[] = [];
  let tokens = 0;
  for (const [index, line] of lines.entries()) {
    const where = `Line ${index + 1}`;
    let example: unknown;
    try {
      example = JSON.parse(line);
    } catch {
      return { message: `Invalid file format. ${where} is not valid JSON.` };
    }
    const messages = (example as { messages?: unknown } | null)?.messages;
    if (typeof example !== 'object' || example === null || !Array.isArray(messages) || messages.length === 0) {
      return { message: `Invalid file format. ${where}, key "messages": expected a non-empty array of messages.` };
    }
    let lastUser: string | undefined;
    let hasAssistant = false;
    for (const [m, message] of messages.entries()) {
      const role = (message as { role?: unknown } | null)?.role;
      const text = messageText((message as { content?: unknown } | null)?.content);
      if (typeof role !== 'string' || !ROLES.has(role)) {
        return { message: `Invalid file format. ${where}, message ${m + 1}: unrecognized role ${JSON.stringify(role)}.` };
      }
      if (text === undefined && role !== 'assistant') {
        return { message: `Invalid file format. ${where}, message ${m + 1}: missing "content".` };
      }
      tokens += approxTokens(text ?? '') + 4;
      if (role === 'user') lastUser = text;
      if (role === 'assistant') {
        hasAssistant = true;
        // `weight: 0` marks an assistant turn that is shown but not trained on.
        const weight = (message as { weight?: unknown }).weight;
        if (lastUser !== undefined && text !== undefined && weight !== 0) pairs.push({ prompt: lastUser.trim(), answer: text });
      }
    }
    if (!hasAssistant) return { message: `Invalid file format. ${where}: example is missing an assistant message.` };
  }
  if (lines.length < minExamples) {
    return { message: `Training file has ${lines.length} example(s), but must have at least ${minExamples} examples.` };
  }
  return { examples: lines.length, tokens, pairs };
}

export function isProblem(parsed: ParsedTrainingFile | TrainingFileProblem): parsed is TrainingFileProblem {
  return 'message' in parsed;
}
