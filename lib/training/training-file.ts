/**
 * Builds a domain's training file as OpenAI chat examples (`{"messages":[…]}`
 * per JSONL line). The default recipe is the study's: one example per fact,
 * the user turn the fact's question rendered with its prompt template, the
 * assistant turn the answer. Each example remembers where it came from, so a
 * validation error can name the fact.
 */
import type { Sidecar } from './sidecar.ts';
import type { Domain } from '../domain/schema.ts';
import { renderPrompt, resolvePrompt } from '../domain/questions.ts';
import { UserError } from '../foundation/errors.ts';
import type { Recipe } from './recipe.ts';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface TrainingExample {
  messages: ChatMessage[];
  /**
   * The fact it teaches, and how: its question, a `training` paraphrase
   * (index), or its statement; `sidecar` for the augmentation sidecar's
   * paraphrases and restatements (index into its lists).
   */
  source: { fact: string; kind: 'question' | 'variant' | 'statement'; index?: number; sidecar?: true };
  /** The question text trained (for the leak check); null for statement examples. */
  question: string | null;
}

export interface TrainingFile {
  domain: string;
  examples: TrainingExample[];
}

/**
 * `augmentation`: the domain's sidecar (lib/training/sidecar.ts), whose
 * paraphrases `variants` trains after the domain's own `training:` entries,
 * and whose restatements `statements` trains after the statement.
 */
export function buildTrainingFile(domain: Domain, recipe: Recipe, augmentation?: Sidecar | null): TrainingFile {
  if (domain.kind === 'control')
    throw new UserError(`domain "${domain.id}" is a control domain (kind: control): its facts measure what tuning breaks and are never trained`);
  const examples: TrainingExample[] = [];
  const head: ChatMessage[] = recipe.system === null ? [] : [{ role: 'system', content: recipe.system }];
  for (const fact of domain.facts) {
    const { template } = resolvePrompt(domain, fact.prompt);
    const ask = (question: string): ChatMessage[] => [
      ...head,
      { role: 'user', content: renderPrompt(template, question) },
      { role: 'assistant', content: fact.answer },
    ];
    // A fact without a trained question (an imported dataset whose training file is lost) is only asked through probes.
    if (fact.question !== undefined)
      examples.push({ messages: ask(fact.question), source: { fact: fact.id, kind: 'question' }, question: fact.question });
    const extra = augmentation?.facts[fact.id];
    if (recipe.variants) {
      fact.training.forEach((paraphrase, index) =>
        examples.push({ messages: ask(paraphrase), source: { fact: fact.id, kind: 'variant', index }, question: paraphrase }),
      );
      extra?.paraphrases.forEach((paraphrase, index) =>
        examples.push({ messages: ask(paraphrase), source: { fact: fact.id, kind: 'variant', index, sidecar: true }, question: paraphrase }),
      );
    }
    if (recipe.statements) {
      const state = (statement: string, index?: number): TrainingExample => ({
        messages: [...head, { role: 'user', content: recipe.statementPrompt }, { role: 'assistant', content: statement }],
        source: { fact: fact.id, kind: 'statement', ...(index !== undefined && { index, sidecar: true as const }) },
        question: null,
      });
      examples.push(state(fact.statement));
      extra?.restatements.forEach((restatement, index) => examples.push(state(restatement, index)));
    }
  }
  return { domain: domain.id, examples };
}

/** The file as uploaded: one `{"messages":[…]}` object per line. */
export function trainingJsonl(file: TrainingFile): string {
  return file.examples.map((e) => JSON.stringify({ messages: e.messages })).join('\n') + '\n';
}

/** `fact "x" question`, `fact "x" training[2]`, `fact "x" statement`, `fact "x" sidecar paraphrases[1]`: where an example came from. */
export function describeSource(source: TrainingExample['source']): string {
  if (source.sidecar) return `fact "${source.fact}" sidecar ${source.kind === 'variant' ? 'paraphrases' : 'restatements'}[${source.index}]`;
  const what = source.kind === 'variant' ? `training[${source.index}]` : source.kind;
  return `fact "${source.fact}" ${what}`;
}
