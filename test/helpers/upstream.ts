/**
 * The upstream FineTuneBench data the tests read at run time (never copied
 * into the project), from FINETUNEBENCH_DIR (test/helpers/outside-data.ts:
 * unset, the tests that need it skip; unset under CI, they fail).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { FINETUNEBENCH, outsideDataPath, skipNote } from './outside-data.ts';

const found = outsideDataPath(FINETUNEBENCH);
export const HAS_UPSTREAM = found !== undefined;
/** The checkout (an impossible path when absent: only skipped tests read it). */
export const UPSTREAM_DIR = found ?? path.join('/nonexistent', FINETUNEBENCH.variable);

/** Appended to a describe's name, so a skipped run says why. */
export const UPSTREAM_SKIP_NOTE = skipNote(FINETUNEBENCH, found);

/** An upstream CSV's records, keyed by column. */
export function upstreamCsv(relative: string): Record<string, string>[] {
  return parse(readFileSync(path.join(UPSTREAM_DIR, relative)), { columns: true, bom: true }) as Record<string, string>[];
}
