/**
 * One search of each domain per process: its trained questions (the lookup
 * baseline) and its fact statements (retrieval: the in-context reference
 * with k, the hit rate), each indexed once on first use, however many
 * providers of a suite search the same domain. Keyed by the domain file's
 * text, so an edited file is read anew; a parsed 10,000-fact domain is not
 * parsed again either.
 */
import { sha256 } from '../foundation/content-hash.ts';
import { displayPath } from '../foundation/display-path.ts';
import { parseDomainText, type LoadedDomain } from '../domain/load.ts';
import { domainQuestions } from '../domain/questions.ts';
import { readTextFile } from '../domain/read-text-file.ts';
import type { Domain } from '../domain/schema.ts';
import { StatementRetrieval } from './fact-retrieval.ts';
import { LookupIndex } from './lookup.ts';

export class DomainSearch {
  private lookupIndex: LookupIndex | null = null;
  private statementRetrieval: StatementRetrieval | null = null;

  constructor(readonly domain: Domain) {}

  /** The trained questions and their answers, for the lookup baseline. */
  get lookup(): LookupIndex {
    return (this.lookupIndex ??= new LookupIndex(domainQuestions(this.domain).filter((q) => q.trained)));
  }

  /** The fact statements, for retrieval. */
  get statements(): StatementRetrieval {
    return (this.statementRetrieval ??= new StatementRetrieval(this.domain.facts.map((f) => ({ id: f.id, statement: f.statement }))));
  }
}

/** A process rarely searches more than a few domains; the oldest go when more come. */
const KEPT = 8;
const searches = new Map<string, DomainSearch>();

function kept(text: string, make: () => Domain): DomainSearch {
  const key = sha256(text);
  let search = searches.get(key);
  if (!search) {
    search = new DomainSearch(make());
    searches.set(key, search);
    if (searches.size > KEPT) searches.delete(searches.keys().next().value!);
  }
  return search;
}

/** The search of a loaded domain, shared with every other caller in this process that loaded the same text. */
export function domainSearch(loaded: Pick<LoadedDomain, 'domain' | 'text'>): DomainSearch {
  return kept(loaded.text, () => loaded.domain);
}

/** Reads a domain file (a UserError names what is wrong) and returns its shared search; a text seen before is not parsed again. */
export function loadDomainSearch(file: string): DomainSearch {
  const text = readTextFile(file, displayPath(file), 'domain file');
  return kept(text, () => parseDomainText(text, file));
}
