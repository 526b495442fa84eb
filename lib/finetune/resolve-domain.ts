/** `--domain` names a domain by id (looked up under the domains folder) or by its YAML file. */
import { existsSync, statSync } from 'node:fs';
import { loadDomainFile, loadDomains, type LoadedDomain } from '../domain/load.ts';
import { UserError } from '../foundation/errors.ts';

export function resolveDomain(ref: string, domainsDir: string): LoadedDomain {
  if (/\.ya?ml$/.test(ref) || (existsSync(ref) && statSync(ref).isFile())) return loadDomainFile(ref);
  if (!existsSync(domainsDir)) throw new UserError(`--domain ${ref}: the domains folder ${domainsDir} does not exist`);
  const all = loadDomains(domainsDir);
  const found = all.find((d) => d.domain.id === ref);
  if (!found) throw new UserError(`--domain ${ref}: no domain with that id in ${domainsDir}; known: ${all.map((d) => d.domain.id).join(', ') || '(none)'}`);
  return found;
}
