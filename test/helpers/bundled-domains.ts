/**
 * The bundled domains (the project's own, in suites/domains/), copied into a
 * folder the test owns: a user's own domains beside them in the checkout,
 * or a FineTuneBench import, must not change what a test sees.
 */
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { DOMAINS_DIR } from '../../lib/suites/write-suites.ts';
import { tempDir } from './run.ts';

/** The ids of the bundled domains (npm run domains:generate writes them). */
export const BUNDLED_DOMAIN_IDS = ['fictional-people', 'general-knowledge-control', 'python-renames'] as const;

/** Copies the bundled domains (and their editor schema) into `dir`, by default a new temporary folder; returns it. */
export function copyBundledDomains(dir = tempDir('ftbench-domains-')): string {
  for (const name of [...BUNDLED_DOMAIN_IDS.map((id) => `${id}.yaml`), 'domain.schema.json']) copyFileSync(path.join(DOMAINS_DIR, name), path.join(dir, name));
  return dir;
}
