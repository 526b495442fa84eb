/**
 * Recovers the upstream prompt templates. Each upstream row's `prompt` column
 * is the exact text a model was sent: the question inside a template. The
 * template is that text with the question replaced by {{question}}. The
 * first template of a domain becomes its default `prompt`; any other becomes
 * a named template under `prompts`.
 */
import { UserError } from '../foundation/errors.ts';

/** The template around `question` in `prompt`; an error when the prompt does not contain the question. */
export function templateOf(prompt: string, question: string, where: string): string {
  const at = prompt.indexOf(question);
  if (question === '' || at === -1)
    throw new UserError(`${where}: the prompt does not contain the question, so its template cannot be recovered:\n  prompt:   ${JSON.stringify(prompt)}\n  question: ${JSON.stringify(question)}`);
  return `${prompt.slice(0, at)}{{question}}${prompt.slice(at + question.length)}`;
}

export class PromptTemplates {
  private defaultTemplate: string | null = null;
  readonly named: Record<string, string> = {};

  /** The default template (the first one seen). */
  get default(): string {
    if (this.defaultTemplate === null) throw new Error('no template registered yet');
    return this.defaultTemplate;
  }

  /**
   * Registers a template and returns how a fact or probe refers to it:
   * undefined for the default, otherwise a name (`preferred`, or
   * `preferred-2`… when a different template already has that name).
   */
  ref(template: string, preferred: string): string | undefined {
    if (this.defaultTemplate === null) this.defaultTemplate = template;
    if (template === this.defaultTemplate) return undefined;
    for (const [name, t] of Object.entries(this.named)) if (t === template) return name;
    let name = preferred;
    for (let n = 2; name in this.named; n++) name = `${preferred}-${n}`;
    this.named[name] = template;
    return name;
  }
}

/** The object with `prompt` set to `ref`, or without `prompt` when `ref` is the default (undefined). */
export function withPrompt<T extends object>(item: T, ref: string | undefined): T & { prompt?: string } {
  return ref === undefined ? item : { ...item, prompt: ref };
}
