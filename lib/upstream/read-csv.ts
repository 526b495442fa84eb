/**
 * Reads one upstream CSV file with csv-parse and checks its header against
 * the columns the importer relies on. A missing file, a malformed file or a
 * changed set of columns is a UserError that names the file and says what
 * was expected and what was found.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { UserError } from '../foundation/errors.ts';

export interface CsvTable {
  file: string;
  columns: string[];
  /** One record per data row, keyed by column name (pandas' unnamed index column is ""). */
  rows: Record<string, string>[];
}

/** How a column is named in messages: pandas writes its index with an empty header. */
export function columnName(c: string): string {
  return c === '' ? '(unnamed index)' : c;
}

function list(columns: readonly string[]): string {
  return columns.map(columnName).join(', ');
}

export function readCsv(file: string, expected: readonly string[]): CsvTable {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(
      code === 'ENOENT'
        ? `${file}: file not found; the importer expects it in a FineTuneBench checkout (columns ${list(expected)})`
        : `${file}: cannot read it (${code ?? String(err)})`,
    );
  }
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true });
  } catch (err) {
    throw new UserError(`${file}: not a readable CSV file (${(err as Error).message})`);
  }
  const [header, ...data] = records;
  if (!header) throw new UserError(`${file}: the file is empty; expected a header with columns ${list(expected)}`);
  const missing = expected.filter((c) => !header.includes(c));
  if (missing.length > 0)
    throw new UserError(
      `${file}: unexpected columns.\n  expected: ${list(expected)}\n  found:    ${list(header)}\n  missing:  ${list(missing)}`,
    );
  const rows = data.map((cells) => Object.fromEntries(header.map((c, i) => [c, cells[i] ?? ''])));
  return { file, columns: header, rows };
}
