// The judge emulator's "model": a fixed rule, so a test can predict every
// verdict. It reads the two judge prompts the project sends, the way a
// careful model would, and nothing else.
//
// 1. The project's prompt (lib/grading/judge/judge-prompt.ts): the system message
//    names the fence, `BEGIN DATA <nonce>`; the JSON object between the
//    lines `BEGIN DATA <nonce>` and `END DATA <nonce>` of the last user
//    message is the data. Reply `VERDICT: CORRECT` or `VERDICT: INCORRECT`.
// 2. The study's prompt (paper mode): a user message of lines
//    `Question: …`, `Answer: …`, `Context: …`, `Guess: …`, ending with
//    `Evaluation:`. The answer runs from the first "Answer: " to the first
//    "\nContext: ", the guess from the first "\nGuess: " after it to the last
//    "\nEvaluation:". Reply `Correct` or `Incorrect`.
// 3. Anything else: the reply UNREADABLE_REPLY, which no parser accepts.
//
// The verdict: fold both texts to lower case and collapse whitespace runs to
// one space; an answer is correct when the candidate contains some reference
// answer as a plain substring (so "1260" contains "126": unlike the cascade's
// containment stage, which works on whole tokens). When the data's
// `expected` is "decline", the candidate is correct when it contains one of
// DECLINE_MARKERS instead. Nothing else in the candidate matters.

export const UNREADABLE_REPLY = 'I cannot tell what to grade here.';
export const DECLINE_MARKERS = ['none', "don't know", 'do not know', 'unknown', 'cannot', "can't"];

export interface ChatMessageLike {
  role: string;
  content: string;
}

export interface RuleVerdict {
  format: 'ftbench' | 'paper';
  correct: boolean;
  reply: string;
}

function fold(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

export function ruleSaysCorrect(candidate: string, references: readonly string[], expected: 'answer' | 'decline' = 'answer'): boolean {
  const c = fold(candidate);
  if (expected === 'decline') return DECLINE_MARKERS.some((m) => c.includes(m));
  return references.some((r) => fold(r) !== '' && c.includes(fold(r)));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function projectVerdict(messages: readonly ChatMessageLike[]): RuleVerdict | null {
  const system = messages.find((m) => m.role === 'system')?.content ?? '';
  const nonce = /`BEGIN DATA ([0-9a-f]{16})`/.exec(system)?.[1];
  const user = [...messages].reverse().find((m) => m.role === 'user')?.content;
  if (!nonce || user === undefined) return null;
  const block = new RegExp(`^BEGIN DATA ${nonce}\\n(.*)\\nEND DATA ${escapeRegExp(nonce)}$`, 'ms').exec(user);
  if (!block) return null;
  let data: { reference_answers?: unknown; candidate?: unknown; expected?: unknown };
  try {
    data = JSON.parse(block[1]!) as typeof data;
  } catch {
    return null;
  }
  if (typeof data.candidate !== 'string' || !Array.isArray(data.reference_answers)) return null;
  const correct = ruleSaysCorrect(data.candidate, data.reference_answers.map(String), data.expected === 'decline' ? 'decline' : 'answer');
  return { format: 'ftbench', correct, reply: correct ? 'VERDICT: CORRECT' : 'VERDICT: INCORRECT' };
}

function paperVerdict(messages: readonly ChatMessageLike[]): RuleVerdict | null {
  const user = [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
  const answerAt = user.indexOf('Answer: ');
  const contextAt = user.indexOf('\nContext: ', answerAt);
  const guessAt = user.indexOf('\nGuess: ', contextAt);
  const evaluationAt = user.lastIndexOf('\nEvaluation:');
  if (answerAt === -1 || contextAt === -1 || guessAt === -1 || evaluationAt < guessAt) return null;
  const answer = user.slice(answerAt + 'Answer: '.length, contextAt);
  const guess = user.slice(guessAt + '\nGuess: '.length, evaluationAt);
  const correct = ruleSaysCorrect(guess, [answer]);
  return { format: 'paper', correct, reply: correct ? 'Correct' : 'Incorrect' };
}

/** The rule's verdict on a conversation, or null when it is neither judge prompt. */
export function judgeByRule(messages: readonly ChatMessageLike[]): RuleVerdict | null {
  return projectVerdict(messages) ?? paperVerdict(messages);
}
