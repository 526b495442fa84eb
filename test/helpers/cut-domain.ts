/**
 * Cuts a domain file written by a test workspace down further, in place: only
 * the facts a test needs (and the probes that ask about nothing else), so an
 * end-to-end eval asks fewer questions per column. Each promptfoo test costs
 * CPU in both promptfoo and the emulators; what a test checks rarely depends
 * on how many there are.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';

/** Keeps the facts whose id `keep` accepts, and the domain-level probes whose facts are all kept; returns how many facts remain. */
export function keepFacts(file: string, keep: (factId: string) => boolean): number {
  const domain = parse(readFileSync(file, 'utf8')) as { facts: { id: string }[]; probes?: { facts: string[] }[] };
  domain.facts = domain.facts.filter((f) => keep(f.id));
  if (domain.probes) domain.probes = domain.probes.filter((p) => p.facts.every(keep));
  writeFileSync(file, stringify(domain));
  return domain.facts.length;
}
