/**
 * Checks a training file before anything is uploaded, and reports every
 * problem at once, each naming the fact (or probe) it comes from:
 * - at least MIN_EXAMPLES examples (OpenAI refuses fewer);
 * - no empty message;
 * - no example longer than the base model's per-example token limit;
 * - no evaluation probe equal to a trained question: a probe asked at
 *   evaluation must not have been seen in training, or it measures nothing;
 * - no text from the augmentation sidecar that the leak check finds equal or
 *   nearly equal to a probe (lib/training/leak-check.ts), should the sidecar
 *   have been edited by hand since npm run augment checked it;
 * - no message shaped like an API key (lib/foundation/secret-shape.ts): the
 *   file is written to runs/<key>.train.jsonl and uploaded, and no key is ever written.
 */
import { LeakCheck, NEAR_DUPLICATE_OVERLAP } from './leak-check.ts';
import type { Domain } from '../domain/schema.ts';
import { domainQuestions } from '../domain/questions.ts';
import { UserError } from '../foundation/errors.ts';
import { normalizeAnswer } from '../grading/normalize.ts';
import { keyShapeIn } from '../foundation/secret-shape.ts';
import type { CountChatTokens } from './token-counter.ts';
import { describeSource, type TrainingFile } from './training-file.ts';

export const MIN_EXAMPLES = 10;

export interface TrainingFileStats {
  examples: number;
  /** Tokens of one pass over the file. */
  tokensPerEpoch: number;
  maxExampleTokens: number;
}

export interface ValidationLimits {
  countTokens: CountChatTokens;
  /** The base model's limit on one example, in tokens. */
  maxExampleTokens: number;
  /** Names the model in the message about the limit. */
  model: string;
}

/** Every message shaped like an API key, as `<where>: message N (role) holds <rule>` (never its text). */
export function keyShapedMessages(file: TrainingFile): string[] {
  return file.examples.flatMap((example) =>
    example.messages.flatMap((m, i) => {
      const why = keyShapeIn(m.content);
      return why ? [`${describeSource(example.source)}: message ${i + 1} (${m.role}) holds ${why}; a training file never holds an API key`] : [];
    }),
  );
}

/** Refuses a training file that holds anything key-shaped, before it is written anywhere. */
export function refuseKeyShapedMessages(file: TrainingFile, where: string): void {
  const problems = keyShapedMessages(file);
  problems.push(...keyShapedMessages(file));
  if (problems.length) throw new UserError(`${where}: the training file is not valid:\n${problems.map((p) => `  ${p}`).join('\n')}`);
}

/** Counts tokens and returns the file's size; throws a UserError listing every problem. */
export function validateTrainingFile(file: TrainingFile, domain: Domain, limits: ValidationLimits, where: string): TrainingFileStats {
  const problems: string[] = [];
  if (file.examples.length < MIN_EXAMPLES)
    problems.push(`the training file has ${file.examples.length} example(s); fine-tuning needs at least ${MIN_EXAMPLES} (add facts, or train variants with --recipe variants)`);

  let tokensPerEpoch = 0;
  let longest = 0;
  for (const example of file.examples) {
    example.messages.forEach((m, i) => {
      if (m.content.trim() === '') problems.push(`${describeSource(example.source)}: message ${i + 1} (${m.role}) is empty`);
    });
    const tokens = limits.countTokens(example.messages);
    tokensPerEpoch += tokens;
    longest = Math.max(longest, tokens);
    if (tokens > limits.maxExampleTokens)
      problems.push(`${describeSource(example.source)}: the example has ${tokens} tokens; ${limits.model} takes at most ${limits.maxExampleTokens} per example`);
  }

  const trained = new Map<string, string>();
  for (const example of file.examples) {
    if (example.question !== null) trained.set(normalizeAnswer(example.question), describeSource(example.source));
  }
  for (const q of domainQuestions(domain)) {
    if (q.trained) continue;
    const hit = trained.get(normalizeAnswer(q.question));
    if (hit) problems.push(`probe ${q.id} (split ${q.split}) asks ${JSON.stringify(q.question)}, which is trained as ${hit}: an evaluation probe must never be trained`);
  }

  const sidecar = file.examples.filter((e) => e.source.sidecar);
  if (sidecar.length) {
    const leaks = new LeakCheck(domain);
    for (const example of sidecar) {
      const text = example.question ?? example.messages.at(-1)!.content;
      const leak = leaks.check(text);
      // An exact match of a trained question is reported by the probe check above already.
      if (leak && !(leak.kind === 'exact' && example.question !== null))
        problems.push(
          `${describeSource(example.source)} ${JSON.stringify(text)} is ${leak.kind === 'exact' ? 'probe' : `a near-duplicate (token overlap ${leak.overlap.toFixed(2)} ≥ ${NEAR_DUPLICATE_OVERLAP}) of probe`} ${leak.probe.id} (split ${leak.probe.split}): remove it from the sidecar, or rerun npm run augment`,
        );
    }
  }

  problems.push(...keyShapedMessages(file));
  if (problems.length) throw new UserError(`${where}: the training file is not valid:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return { examples: file.examples.length, tokensPerEpoch, maxExampleTokens: longest };
}
