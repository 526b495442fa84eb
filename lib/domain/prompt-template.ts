/**
 * A domain's prompt template: text with one slot, `{{question}}` (spaces
 * inside the braces allowed). Nothing else in a template is a template
 * construct: the harness fills the slot itself, by plain text replacement,
 * for the training file and the suite alike, so what is trained and what is
 * asked are the same characters and nothing in a question is ever evaluated.
 */
const QUESTION_SLOT = /\{\{\s*question\s*\}\}/g;
const OTHER_CONSTRUCT = /\{\{|\{%|\{#/;

/** Fills every `{{question}}` slot with the question, character for character. */
export function renderPrompt(template: string, question: string): string {
  return template.replace(QUESTION_SLOT, () => question);
}

/** Why a template cannot be used, or null when it is fine. */
export function templateProblem(template: string): string | null {
  if (!template.match(QUESTION_SLOT)) return 'prompt template must contain {{question}}';
  const rest = template.replace(QUESTION_SLOT, '');
  const other = OTHER_CONSTRUCT.exec(rest);
  if (other) {
    const snippet = rest.slice(other.index, other.index + 24).split('\n')[0];
    return `prompt template may use {{question}} and nothing else; found ${JSON.stringify(snippet)}`;
  }
  return null;
}
