// Reading a Gemini supervised-tuning JSONL file the way Vertex AI's dataset
// check does: one `{"contents":[{role,parts:[{text}]}…], "systemInstruction"?}`
// object per line, roles `user` and `model`, at least one `model` turn. What
// the emulated model "learns" is the answer trained for each user turn; the
// statistics feed the job's `tuningDataStats`.
import { approxTokens } from '../shared/tokens.ts';
import type { TrainingPair } from '../shared/tuned-model.ts';

export interface DatasetStats {
  examples: number;
  characters: number;
  /** Per example: tokens of the user (input) turns, of the model (output) turns, and the number of turns. */
  inputTokens: number[];
  outputTokens: number[];
  messagesPerExample: number[];
  /** The first examples, as sent (Vertex shows a few in `userDatasetExamples`). */
  firstExamples: unknown[];
}

export interface ParsedDataset {
  stats: DatasetStats;
  pairs: TrainingPair[];
}

const ROLES = new Set(['user', 'model']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Text of a Content's parts, or a problem. File parts count as no text. */
function partsText(parts: unknown, where: string): string | { problem: string } {
  if (!Array.isArray(parts) || parts.length === 0) return { problem: `${where}: "parts" must be a non-empty array.` };
  let text = '';
  for (const [i, part] of parts.entries()) {
    if (!isRecord(part)) return { problem: `${where}, part ${i + 1}: expected an object.` };
    if (typeof part.text === 'string') text += part.text;
    else if (!isRecord(part.fileData)) return { problem: `${where}, part ${i + 1}: expected "text" or "fileData".` };
  }
  return text;
}

/** Parses and checks the dataset; returns the first problem found, as the job's error would. */
export function parseTuningDataset(text: string, minExamples: number): ParsedDataset | { problem: string } {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const pairs: TrainingPair[] = [];
  const stats: DatasetStats = { examples: lines.length, characters: 0, inputTokens: [], outputTokens: [], messagesPerExample: [], firstExamples: [] };
  for (const [index, line] of lines.entries()) {
    const where = `line ${index + 1}`;
    let example: unknown;
    try {
      example = JSON.parse(line);
    } catch {
      return { problem: `${where} is not valid JSON.` };
    }
    if (!isRecord(example)) return { problem: `${where}: expected a JSON object.` };
    if ('messages' in example && !('contents' in example)) {
      return { problem: `${where}: found "messages" (OpenAI chat format); Gemini tuning data needs "contents".` };
    }
    const contents = example.contents;
    if (!Array.isArray(contents) || contents.length === 0) return { problem: `${where}: "contents" must be a non-empty array of {role, parts}.` };
    if (example.systemInstruction !== undefined) {
      if (!isRecord(example.systemInstruction)) return { problem: `${where}: "systemInstruction" must be an object with "parts".` };
      const system = partsText(example.systemInstruction.parts, `${where}, systemInstruction`);
      if (typeof system !== 'string') return system;
      stats.characters += system.length;
    }
    let input = 0;
    let output = 0;
    let lastUser: string | undefined;
    let hasModel = false;
    for (const [c, content] of contents.entries()) {
      const at = `${where}, contents[${c}]`;
      if (!isRecord(content) || typeof content.role !== 'string' || !ROLES.has(content.role)) {
        return { problem: `${at}: "role" must be "user" or "model".` };
      }
      const turn = partsText(content.parts, at);
      if (typeof turn !== 'string') return turn;
      stats.characters += turn.length;
      if (content.role === 'user') {
        input += approxTokens(turn);
        lastUser = turn;
      } else {
        output += approxTokens(turn);
        hasModel = true;
        if (lastUser !== undefined) pairs.push({ prompt: lastUser.trim(), answer: turn });
      }
    }
    if (!hasModel) return { problem: `${where}: an example needs at least one "model" turn.` };
    stats.inputTokens.push(input);
    stats.outputTokens.push(output);
    stats.messagesPerExample.push(contents.length);
    if (stats.firstExamples.length < 3) stats.firstExamples.push(...contents.slice(0, 2));
  }
  if (lines.length < minExamples) return { problem: `the dataset has ${lines.length} example(s); at least ${minExamples} are required.` };
  return { stats, pairs };
}
