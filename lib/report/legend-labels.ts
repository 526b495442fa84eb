/**
 * Chart legends that name what they show: vega cuts a legend label at a
 * pixel width (`labelLimit`), and long provider labels that differ only at
 * their end (`… recipe default @ epoch 1` and `… @ epoch 2`) were cut into
 * the same text. Instead each label is wrapped at its spaces into lines of at
 * most LEGEND_LINE_CHARS characters (a longer word is broken), and no line is
 * cut: distinct labels stay distinct, whole.
 *
 * The lines reach vega through the legend's `labelExpr`, a lookup from the
 * label to its lines. Labels are untrusted text (a suite's provider label),
 * so every character but a few plain ones is written as a \uXXXX escape:
 * nothing in a label can end the string or change the expression. A label
 * holding a line break is left out of the lookup (vega-lite writes the
 * expression's strings back with the break raw, which vega cannot parse): it
 * shows as before, cut at the width of a line.
 */

/** The longest line of a legend label, in characters. */
export const LEGEND_LINE_CHARS = 40;

/** Pixels one line may take: vega (without a canvas) estimates text at under 8 px a character at the legend's 10 px font. */
const LINE_PIXELS = LEGEND_LINE_CHARS * 8 + 24;

/** `label` in lines of at most `width` characters, broken at spaces where it can be. */
export function wrapLabel(label: string, width = LEGEND_LINE_CHARS): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(' ')) {
    const candidate = line ? `${line} ${word}` : word;
    if ([...candidate].length <= width) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    // A word longer than a line (a run name) is broken after its last . - _ / that fits, else at `width`.
    const chars = [...word];
    while (chars.length > width) {
      const head = chars.slice(0, width);
      const cut = Math.max(...['.', '-', '_', '/'].map((p) => head.lastIndexOf(p)));
      lines.push(chars.splice(0, cut > 0 ? cut + 1 : width).join(''));
    }
    line = chars.join('');
  }
  lines.push(line);
  return lines;
}

const LINE_BREAK = /[\n\r\u2028\u2029]/;

/** A string literal of the Vega expression language holding exactly `text`. */
function expressionString(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    out += /[A-Za-z0-9 ,.@_()+-]/.test(ch) ? ch : `\\u${text.charCodeAt(i).toString(16).padStart(4, '0')}`;
  }
  return `'${out}'`;
}

/** The legend properties that show these series' labels whole: wrapped lines, never cut. */
export function legendLabels(series: readonly string[]): { labelLimit: number; labelExpr?: string } {
  const wrapped = series.map((s) => [s, wrapLabel(s)] as const).filter(([s, lines]) => lines.length > 1 && !LINE_BREAK.test(s));
  if (wrapped.length === 0) return { labelLimit: LINE_PIXELS };
  const entries = wrapped.map(([s, lines]) => `${expressionString(s)}: [${lines.map(expressionString).join(', ')}]`);
  return { labelLimit: LINE_PIXELS, labelExpr: `({${entries.join(', ')}})[datum.label] || datum.label` };
}
