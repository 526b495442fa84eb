/**
 * The study's published aggregates, read at run time from the upstream
 * README's ranking table (Model | Memorization | Generalization): the mean
 * over the study's four tasks for each fine-tuned model.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../foundation/errors.ts';
import { UPSTREAM_FILES } from '../upstream/upstream-files.ts';

export interface PublishedResult {
  model: string;
  memorization: number;
  generalization: number;
}

/** The cells of a Markdown table row (`| a | b |` → ['a', 'b']). */
function cells(line: string): string[] {
  return line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
}

export function readPublishedResults(checkout: string): PublishedResult[] {
  const file = path.join(checkout, UPSTREAM_FILES.readme.path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UserError(`${file}: cannot read the upstream README (it holds the study's published results)`);
  }
  const lines = text.split(/\r?\n/);
  const at = lines.findIndex((l) => l.trim().startsWith('|') && /\bmodel\b/i.test(l) && /memorization/i.test(l) && /generalization/i.test(l));
  if (at === -1) throw new UserError(`${file}: no table with the columns Model, Memorization and Generalization`);
  const head = cells(lines[at]!).map((c) => c.toLowerCase());
  const col = (word: string) => head.findIndex((h) => h.includes(word));
  const [m, mem, gen] = [col('model'), col('memorization'), col('generalization')];
  const out: PublishedResult[] = [];
  for (const line of lines.slice(at + 2)) {
    if (!line.trim().startsWith('|')) break;
    const row = cells(line);
    const memorization = Number(row[mem]);
    const generalization = Number(row[gen]);
    if (!row[m] || Number.isNaN(memorization) || Number.isNaN(generalization))
      throw new UserError(`${file}: cannot read the results row ${JSON.stringify(line.trim())}`);
    out.push({ model: row[m]!, memorization, generalization });
  }
  if (out.length === 0) throw new UserError(`${file}: the results table has no rows`);
  return out;
}
