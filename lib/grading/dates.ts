/**
 * Calendar dates, so that "March 14, 2031", "14 March 2031", "the 14th of
 * March, 2031" and "2031-03-14" are one answer. normalize.ts rewrites every
 * date it recognises as `<day> <month> [<year>]` (`14 march 2031`), so equal
 * dates compare equal in every stage.
 *
 * Recognised (case-folded, after normalization split the words):
 * - ISO: `YYYY-M-D` / `YYYY-MM-DD` (isoDatesToWords, on text);
 * - day month [year]: `14 March 2031`, `14th of March 2031`, `14 Mar`;
 * - month day [year]: `March 14, 2031`, `Mar. 14th 2031`, `March 14`.
 * Months are written out or abbreviated (`jan`, `sept`, …); days are 1–2
 * digits with an optional st/nd/rd/th; years are 4 digits. A day the month
 * does not have (`February 30`) is no date. Numeric forms with slashes or
 * dots (`03/04/2031`, `14.03.2031`) are never read as dates: `03/04` is 3
 * April in one country and March 4 in another.
 */

export const MONTH_NAMES = [
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
] as const;

const MONTHS = new Map<string, number>([
  ...MONTH_NAMES.map((m, i): [string, number] => [m, i + 1]),
  ...['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((m, i): [string, number] => [m, i + 1]),
  ['sept', 9],
]);

const DAY = /^(\d{1,2})(?:st|nd|rd|th)?$/;
const YEAR = /^\d{4}$/;

function daysIn(month: number, year: number | undefined): number {
  // Without a year, February may have its 29th.
  return new Date(Date.UTC(year ?? 2000, month, 0)).getUTCDate();
}

function validDay(day: number, month: number, year: number | undefined): boolean {
  return day >= 1 && day <= daysIn(month, year);
}

/** Rewrites ISO dates (`2031-03-14`) in text as `14 march 2031`; invalid ones stay as written. */
export function isoDatesToWords(text: string): string {
  return text.replace(/(?<![\d.\-/])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d\-/])/g, (whole, y: string, m: string, d: string) => {
    const year = Number(y);
    const month = Number(m);
    const day = Number(d);
    if (month < 1 || month > 12 || !validDay(day, month, year)) return whole;
    return ` ${day} ${MONTH_NAMES[month - 1]} ${year} `;
  });
}

/** A date found in a list of words: where it starts, how many words it spans, and its canonical words. */
export interface DateMatch {
  length: number;
  words: string[];
}

/**
 * The date that starts at `words[i]`, if any: day [of] month [year], or
 * month day [year]. Its words are `[day, month]` or `[day, month, year]`,
 * the month written out (`['14', 'march', '2031']`).
 */
export function dateAt(words: readonly string[], i: number): DateMatch | null {
  const canonical = (day: number, month: number, yearWord: string | undefined, length: number): DateMatch | null => {
    const year = yearWord !== undefined && YEAR.test(yearWord) ? Number(yearWord) : undefined;
    if (!validDay(day, month, year)) return null;
    const out = [String(day), MONTH_NAMES[month - 1]!];
    if (year !== undefined) out.push(String(year));
    return { length: length + (year !== undefined ? 1 : 0), words: out };
  };
  const first = words[i];
  if (first === undefined) return null;
  const dayFirst = DAY.exec(first);
  if (dayFirst) {
    const of = words[i + 1] === 'of' ? 1 : 0;
    const month = MONTHS.get(words[i + 1 + of] ?? '');
    if (month !== undefined) return canonical(Number(dayFirst[1]), month, words[i + 2 + of], 2 + of);
  }
  const month = MONTHS.get(first);
  const dayAfter = month === undefined ? null : DAY.exec(words[i + 1] ?? '');
  if (month !== undefined && dayAfter) return canonical(Number(dayAfter[1]), month, words[i + 2], 2);
  return null;
}

/** True when the words at `i` are a canonical date's day and month (`14 march`), as normalize.ts writes them. */
export function isCanonicalDateAt(words: readonly string[], i: number): boolean {
  return /^\d{1,2}$/.test(words[i] ?? '') && (MONTH_NAMES as readonly string[]).includes(words[i + 1] ?? '');
}
