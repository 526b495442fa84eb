/**
 * The study's published model responses, from an upstream checkout:
 * every `model_responses/**\/*_w_responses.csv`, one model per
 * `<model>_response` column (the model's name is the column's name without
 * the suffix). Each row's question is the question text its `prompt`
 * contains (the longest `*question` column found in the prompt), else the
 * whole prompt. Columns that hold grades rather than responses are
 * excluded, and their questions answer with an error saying so.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../foundation/errors.ts';
import { columnName, readCsv } from '../upstream/read-csv.ts';
import { UPSTREAM_FILES } from '../upstream/upstream-files.ts';
import { isGradeColumn } from './grade-columns.ts';
import { Recordings } from './recordings.ts';

const RESPONSE_SUFFIX = '_response';

export interface ExcludedColumn {
  /** Relative to the checkout. */
  file: string;
  column: string;
  model: string;
  rows: number;
}

export interface FinetunebenchRecordings {
  dir: string;
  /** Model name → its recorded responses, models in the order the files name them. */
  models: Map<string, Recordings>;
  files: string[];
  excluded: ExcludedColumn[];
}

function responseFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('_w_responses.csv')) out.push(full);
    }
  };
  walk(root);
  return out;
}

/** The question a row asked: the longest `*question` value inside its prompt, else the prompt. */
export function askedQuestion(row: Record<string, string>, columns: readonly string[]): string {
  const prompt = row.prompt ?? '';
  const inPrompt = columns
    .filter((c) => /question$/i.test(c))
    .map((c) => row[c] ?? '')
    .filter((q) => q.trim() !== '' && prompt.includes(q));
  return inPrompt.sort((a, b) => b.length - a.length)[0] ?? prompt;
}

const cache = new Map<string, FinetunebenchRecordings>();

export function loadFinetunebenchRecordings(dir: string): FinetunebenchRecordings {
  const cached = cache.get(dir);
  if (cached) return cached;
  const root = path.join(dir, UPSTREAM_FILES.modelResponses.path);
  let files: string[];
  try {
    files = responseFiles(root);
  } catch {
    throw new UserError(`${root}: no model_responses folder; the study's recorded responses live there in a FineTuneBench checkout`);
  }
  if (files.length === 0) throw new UserError(`${root}: no *_w_responses.csv files found`);
  const models = new Map<string, Recordings>();
  const excluded: ExcludedColumn[] = [];
  for (const file of files) {
    const rel = path.relative(dir, file);
    const table = readCsv(file, ['prompt', 'answer']);
    const responseColumns = table.columns.filter((c) => c.endsWith(RESPONSE_SUFFIX));
    if (responseColumns.length === 0)
      throw new UserError(`${file}: no <model>${RESPONSE_SUFFIX} column; found ${table.columns.map(columnName).join(', ')}`);
    const answers = table.rows.map((r) => r.answer ?? '');
    for (const column of responseColumns) {
      const model = column.slice(0, -RESPONSE_SUFFIX.length);
      let rec = models.get(model);
      if (!rec) models.set(model, (rec = new Recordings(`the FineTuneBench responses of ${model} (${path.join(dir, UPSTREAM_FILES.modelResponses.path)})`)));
      const values = table.rows.map((r) => r[column] ?? '');
      const grades = isGradeColumn(values, answers);
      if (grades) excluded.push({ file: rel, column, model, rows: table.rows.length });
      table.rows.forEach((row, i) => {
        const question = askedQuestion(row, table.columns);
        if (grades)
          rec.exclude(question, `the column ${column} of ${rel} holds grades ("Correct"/"Incorrect"), not responses, so it was excluded`);
        else rec.record(question, values[i]!, `${rel} row ${i + 1}`);
      });
    }
  }
  const loaded = { dir, models, files: files.map((f) => path.relative(dir, f)), excluded };
  cache.set(dir, loaded);
  return loaded;
}
