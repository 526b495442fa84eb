/**
 * Imports every FineTuneBench dataset from a checkout into domain YAML:
 * every domain is built, rendered and validated against the domain schema
 * before any file is written, so a failure leaves no half-import behind.
 */
import path from 'node:path';
import { writeFilesAtomic } from '../foundation/atomic-write.ts';
import { parseDomainText } from '../domain/load.ts';
import { renderDomainYaml } from '../generators/domain-yaml.ts';
import { DOMAINS_DIR } from '../suites/write-suites.ts';
import { importCodeUpdates } from './code-updates.ts';
import { importFictionalPeople } from './fictional-people.ts';
import type { ImportedDomain } from './imported-domain.ts';
import { importLatestNews } from './latest-news.ts';
import { importMedicalGuidelines } from './medical-guidelines.ts';
import type { Domain } from '../domain/schema.ts';

export const IMPORT_DIR = path.join(DOMAINS_DIR, 'finetunebench');

export interface ImportOptions {
  /** latest-news: every row instead of the study's 50. */
  all?: boolean;
  /** fictional-people: keep the upstream comparison labels (and self-comparisons). */
  upstreamComparisonLabels?: boolean;
}

export interface RenderedDomain extends ImportedDomain {
  /** The validated domain, as loaders read it. */
  parsed: Domain;
  file: string;
  text: string;
}

export function importFinetunebench(checkout: string, outDir: string, options: ImportOptions = {}): RenderedDomain[] {
  const imported = [
    importLatestNews(checkout, { all: options.all }),
    importFictionalPeople(checkout, { upstreamComparisonLabels: options.upstreamComparisonLabels }),
    importMedicalGuidelines(checkout),
    importCodeUpdates(checkout),
  ];
  const schemaPath = path.relative(outDir, path.join(DOMAINS_DIR, 'domain.schema.json')).split(path.sep).join('/');
  const flags = [options.all ? ' --all' : '', options.upstreamComparisonLabels ? ' --upstream-comparison-labels' : ''].join('');
  const command = `npm run import:finetunebench${flags ? ` --${flags}` : ''}`;
  return imported.map((d) => {
    const file = path.join(outDir, `${d.domain.id}.yaml`);
    const text = renderDomainYaml(d.domain, `${command} from a FineTuneBench checkout; never commit it`, schemaPath);
    return { ...d, parsed: parseDomainText(text, file), file, text };
  });
}

/** Writes rendered domains (each atomically), only once all of them are valid. */
export function writeImported(domains: readonly RenderedDomain[]): void {
  writeFilesAtomic(domains.map((d) => ({ file: d.file, content: d.text }))); // all domains or none
}
