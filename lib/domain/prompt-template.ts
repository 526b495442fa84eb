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

/** The template's text around its slots: `Q: {{question}}?` → `['Q: ', '?']`. */
export function textAroundSlots(template: string): string[] {
  return template.split(QUESTION_SLOT);
}

/** Why a template cannot be used, or null when it is fine. */
export function templateProblem(template: string): string | null {
  if (!template.match(QUESTION_SLOT)) return 'prompt template must contain {{question}}';
  const rest = template.replace(QUESTION_SLOT, '');
  const other = OTHER_CONSTRUCT.exec(rest);
  if (other) {
    // The construct up to its closing braces (or a short run of text when it has none).
    const tail = rest.slice(other.index);
    const close = /[}%#]\}/.exec(tail.slice(2));
    const snippet = (close && close.index < 40 ? tail.slice(0, close.index + 4) : tail.slice(0, 24)).split('\n')[0];
    return `prompt template may use {{question}} and nothing else; found ${JSON.stringify(snippet)}`;
  }
  return null;
}
