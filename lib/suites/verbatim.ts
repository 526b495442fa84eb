/**
 * How domain text travels inside a generated promptfoo suite, so that it
 * reaches the model, the grader and the viewer exactly as written and
 * nothing in it is evaluated. promptfoo, even under a plain
 * `npx promptfoo eval`, (1) renders every string var as a nunjucks template,
 * (2) loads a var that starts with `file://` (and runs it when it is code) or
 * `package:`, (3) substitutes `{{name}}` between vars, (4) drops a var's
 * trailing newline, and (5) at config load renders `{{ … env.X … }}` in every
 * string of the config, metadata included.
 *
 * So a text is written as a plain string only when none of that can touch
 * it; otherwise as `{ verbatim: [pieces] }`, pieces that join to the text
 * and are cut so that none holds `{{`, `{%` or `{#`. promptfoo leaves objects
 * alone in (1)–(4), and (5) only matches `{{ … }}` inside one string. The
 * suite's single prompt joins the pieces with a nunjucks expression, whose
 * output nunjucks never renders again.
 */

export interface VerbatimText {
  verbatim: string[];
}

export type SuiteText = string | VerbatimText;

/** The suite's one prompt: the question var, joined when it came as pieces. */
export const PASS_THROUGH_PROMPT = '{{ question.verbatim | join("") if question.verbatim is defined else question }}';

const TEMPLATE_OPENER = /\{(?=[{%#])/g;
const LOADED_PREFIX = /^(file:\/\/|package:)/;

/** True when promptfoo leaves this string exactly as it is. */
export function isInert(text: string): boolean {
  return !/\{[{%#]/.test(text) && !LOADED_PREFIX.test(text) && !text.endsWith('\n');
}

/** A domain text as written into a suite. */
export function carry(text: string): SuiteText {
  if (isInert(text)) return text;
  // Cut after every "{" that opens a template construct: no piece then holds "{{", "{%" or "{#".
  const pieces = text.split(TEMPLATE_OPENER).flatMap((part, i, all) => (i < all.length - 1 ? [`${part}{`] : [part]));
  // A leading file:// or package: is cut too, so no piece is ever a loadable reference either.
  if (LOADED_PREFIX.test(pieces[0]!)) pieces.splice(0, 1, pieces[0]!.slice(0, 1), pieces[0]!.slice(1));
  return { verbatim: pieces.filter((p) => p !== '') };
}

/** The text a suite value stands for (a plain string, or joined pieces); anything else is not text. */
export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object' && Array.isArray((value as VerbatimText).verbatim)) {
    const pieces = (value as VerbatimText).verbatim;
    if (pieces.every((p) => typeof p === 'string')) return pieces.join('');
  }
  return undefined;
}
