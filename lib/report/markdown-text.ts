/**
 * Text as summary.md shows it: a label, a table cell, an error line or a
 * command reads exactly as written, whatever it holds (`<script>`, `|`,
 * backticks, `*`, newlines). HTML's `& < >` become entities, the characters
 * Markdown reads as syntax are backslash-escaped, and a line break becomes
 * `<br>`, so a cell stays one table cell and a list item one line. Where the
 * text sits in a code span, `markdownCode` picks a fence it cannot close.
 */

/** `text` as literal Markdown (and HTML) text. */
export function markdownText(text: string): string {
  return text
    .replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'))
    .replace(/[\\`*_~[\]#|]/g, '\\$&')
    .replace(/\r\n|\r|\n/g, '<br>');
}

/** `text` as an inline code span: a backtick fence longer than any run inside; a line break becomes a space (as a code span would read it). */
export function markdownCode(text: string): string {
  const flat = text.replace(/\r\n|\r|\n/g, ' ');
  const fence = '`'.repeat(Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length)) + 1);
  const pad = /^[` ]|[` ]$/.test(flat) && flat.trim() !== '' ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** One row of a Markdown table, every cell escaped. */
export function markdownRow(cells: readonly string[]): string {
  return `| ${cells.map(markdownText).join(' | ')} |`;
}
