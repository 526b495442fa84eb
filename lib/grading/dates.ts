/**
 * Calendar dates, so that "March 14, 2031", "14 March 2031", "the 14th of
 * March, 2031" and "2031-03-14" are one answer. normalize.ts rewrites every
 * date it recognises as `<day> <month> [<year>]` (`14 march 2031`), so equal
 * dates compare equal in every stage.
 *
 * Recognised (case-folded, after normalization split the words):
 * - ISO: `YYYY-M-D` / `YYYY-MM-DD` (numericDatesToWords, on text);
 * - numeric day and month with a 4-digit year, separated by `/`, `.` or `-`,
 *   only when one reading is possible: `14/03/2031` (14 > 12, so day
 *   first), `03/14/2031` (month first). `03/04/2031` is 3 April in one
 *   country and March 4 in another: it is never read as a date;
 * - day month [year]: `14 March 2031`, `14th of March 2031`, `14 Mar`;
 * - month day [year]: `March 14, 2031`, `Mar. 14th 2031`, `March 14`.
 * Months are written out or abbreviated (`jan`, `sept`, …); days are 1–2
 * digits with an optional st/nd/rd/th; years are 4 digits. A day the month
 * does not have (`February 30`) is no date.
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

const dateWords = (day: number, month: number, year: number) => ` ${day} ${MONTH_NAMES[month - 1]} ${year} `;

/**
 * Rewrites numeric dates in text as words (`2031-03-14`, `14/03/2031`,
 * `03/14/2031` → `14 march 2031`); invalid and ambiguous ones stay as written.
 */
export function numericDatesToWords(text: string): string {
  const iso = text.replace(/(?<![\d.\-/])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d\-/])/g, (whole, y: string, m: string, d: string) => {
    const [year, month, day] = [Number(y), Number(m), Number(d)];
    return month >= 1 && month <= 12 && validDay(day, month, year) ? dateWords(day, month, year) : whole;
  });
  return iso.replace(/(?<![\d.\-/])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?![\d.\-/])/g, (whole, a: string, _sep: string, b: string, y: string) => {
    const [first, second, year] = [Number(a), Number(b), Number(y)];
    // Exactly one reading: the number above 12 is the day.
    const reading = first > 12 && second <= 12 ? { day: first, month: second } : second > 12 && first <= 12 ? { day: second, month: first } : null;
    return reading && reading.month >= 1 && validDay(reading.day, reading.month, year) ? dateWords(reading.day, reading.month, year) : whole;
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
