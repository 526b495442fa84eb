// Reading a Together fine-tuning JSONL file as its file check does: every line
// in one of the three dataset formats — conversational (`{"messages":[…]}`,
// OpenAI-style roles), instruction (`{"prompt","completion"}`) or generic text
// (`{"text"}`) — the same format on every line. What the emulated model
// "learns" is the answer trained for each user turn (or prompt); plain text
// teaches it nothing it can be asked about.
import { approxTokens } from '../shared/tokens.ts';
import type { TrainingPair } from '../shared/tuned-model.ts';

export type DatasetFormat = 'conversation' | 'instruction' | 'general';

export interface ParsedTrainingFile {
  format: DatasetFormat;
  examples: number;
  /** Approximate tokens in one pass over the file. */
  tokens: number;
  pairs: TrainingPair[];
}

const ROLES = new Set(['system', 'user', 'assistant', 'tool']);

function formatOf(example: Record<string, unknown>): DatasetFormat | undefined {
  if ('messages' in example) return 'conversation';
  if ('prompt' in example && 'completion' in example) return 'instruction';
  if ('text' in example) return 'general';
  return undefined;
}

/** Parses and checks the file; returns the first problem found. */
export function parseTrainingFile(text: string, minExamples: number): ParsedTrainingFile | { problem: string } {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const pairs: TrainingPair[] = [];
  let format: DatasetFormat | undefined;
  let tokens = 0;
  for (const [index, line] of lines.entries()) {
    const where = `Line ${index + 1}`;
    let example: unknown;
    try {
      example = JSON.parse(line);
    } catch {
      return { problem: `${where} is not valid JSON.` };
    }
    if (typeof example !== 'object' || example === null || Array.isArray(example)) return { problem: `${where}: expected a JSON object.` };
    const record = example as Record<string, unknown>;
    const lineFormat = formatOf(record);
    if (!lineFormat) return { problem: `${where}: unknown dataset format; expected "messages", "prompt" and "completion", or "text".` };
    if (format && lineFormat !== format) return { problem: `${where}: format "${lineFormat}" differs from the first line's "${format}".` };
    format = lineFormat;

    if (lineFormat === 'conversation') {
      const messages = record.messages;
      if (!Array.isArray(messages) || messages.length === 0) return { problem: `${where}: "messages" must be a non-empty array.` };
      let lastUser: string | undefined;
      let hasAssistant = false;
      for (const [m, message] of messages.entries()) {
        const { role, content, weight } = (message ?? {}) as { role?: unknown; content?: unknown; weight?: unknown };
        if (typeof role !== 'string' || !ROLES.has(role)) return { problem: `${where}, message ${m + 1}: invalid role ${JSON.stringify(role)}.` };
        if (typeof content !== 'string') return { problem: `${where}, message ${m + 1}: "content" must be a string.` };
        tokens += approxTokens(content) + 4;
        if (role === 'user') lastUser = content;
        if (role === 'assistant') {
          hasAssistant = true;
          // weight 0 marks a turn shown but not trained on.
          if (lastUser !== undefined && weight !== 0) pairs.push({ prompt: lastUser.trim(), answer: content });
        }
      }
      if (!hasAssistant) return { problem: `${where}: the conversation has no assistant message.` };
    } else if (lineFormat === 'instruction') {
      if (typeof record.prompt !== 'string' || typeof record.completion !== 'string') return { problem: `${where}: "prompt" and "completion" must be strings.` };
      tokens += approxTokens(record.prompt) + approxTokens(record.completion);
      pairs.push({ prompt: record.prompt.trim(), answer: record.completion });
    } else {
      if (typeof record.text !== 'string') return { problem: `${where}: "text" must be a string.` };
      tokens += approxTokens(record.text);
    }
  }
  if (lines.length < minExamples) return { problem: `The file has ${lines.length} example(s); at least ${minExamples} are required.` };
  return { format: format ?? 'general', examples: lines.length, tokens, pairs };
}
