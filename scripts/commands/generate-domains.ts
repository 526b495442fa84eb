/**
 * `npm run domains:generate [-- --out DIR]`: regenerates the bundled domains
 * (default into suites/domains/) from their seeded generators in
 * lib/generators/. Same seed, same bytes.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../../lib/foundation/atomic-write.ts';
import { parseDomainText } from '../../lib/domain/load.ts';
import { renderDomainYaml } from '../../lib/generators/domain-yaml.ts';
import { generateFictionalPeople } from '../../lib/generators/fictional-people.ts';
import { generateGeneralKnowledgeControl } from '../../lib/generators/general-knowledge-control.ts';
import { generatePythonRenames } from '../../lib/generators/python-renames.ts';
import { DOMAINS_DIR } from '../../lib/suites/write-suites.ts';
import { parseCliArgs } from '../parse-args.ts';
import { command, writer } from '../run-command.ts';

const USAGE = 'usage: npm run domains:generate -- [--out DIR (default suites/domains)]';

export const main = command((argv, io) => {
  const out = writer(io.stdout);
  const { values } = parseCliArgs(() => parseArgs({ args: argv, options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }), USAGE);
  if (values.help) return out(USAGE);
  const dir = values.out ? path.resolve(io.cwd, values.out) : DOMAINS_DIR;
  const domains = [generateFictionalPeople(), generatePythonRenames(), generateGeneralKnowledgeControl()];
  for (const domain of domains) {
    const file = path.join(dir, `${domain.id}.yaml`);
    const text = renderDomainYaml(domain, 'npm run domains:generate (scripts/generate-domains.ts)');
    parseDomainText(text, file); // a generator bug must not reach the committed file
    writeFileAtomic(file, text);
    out(`wrote ${path.relative(io.cwd, file)}`);
  }
});
