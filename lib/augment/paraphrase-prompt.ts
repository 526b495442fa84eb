/**
 * What `npm run augment` asks a model, and how its reply is read. One prompt
 * per fact for the question's rewrites, one for the statement's
 * restatements; the reply is one numbered line per rewrite. The version is
 * part of the cache key: changing a prompt's words changes its version.
 */

export const PARAPHRASE_PROMPT_VERSION = 'ftbench-augment-v1';

export function questionRewritePrompt(question: string, statement: string, n: number): string {
  return [
    `Rewrite the question below in ${n} different ways.`,
    'Every rewrite must ask for exactly the same information, so that it has the same answer, and must be a complete question on its own.',
    'Vary the wording and the sentence structure.',
    `Write the ${n} rewrites one per line, numbered 1. to ${n}., and nothing else.`,
    '',
    `Fact: ${oneLine(statement)}`,
    `Question: ${oneLine(question)}`,
  ].join('\n');
}

export function statementRestatePrompt(statement: string, m: number): string {
  return [
    `Restate the sentence below in ${m} different ways.`,
    'Every restatement must say exactly the same thing, with the same names and numbers.',
    `Write the ${m} restatements one per line, numbered 1. to ${m}., and nothing else.`,
    '',
    `Sentence: ${oneLine(statement)}`,
  ].join('\n');
}

/** Domain text on one line: the prompt's structure (one field per line) must survive any text. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The rewrites in a reply: its numbered lines (`1. …`, `2) …`), or, when
 * none is numbered, its non-empty lines; surrounding quotes and list marks
 * removed, empty ones dropped.
 */
export function parseNumberedLines(reply: string): string[] {
  const lines = reply.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const numbered = lines.map((l) => /^\(?\d{1,3}[.)]\s+(.+)$/.exec(l)?.[1]).filter((l): l is string => l !== undefined);
  return (numbered.length ? numbered : lines.map((l) => l.replace(/^[-*•]\s+/, '')))
    .map((l) => l.trim().replace(/^["“'](.*)["”']$/, '$1').trim())
    .filter(Boolean);
}
