/** `npm run domains:generate`: the bundled domains from their generators (declared below). */
import path from 'node:path';
import { writeFileAtomic } from '../../lib/foundation/atomic-write.ts';
import { parseDomainText } from '../../lib/domain/load.ts';
import { renderDomainYaml } from '../../lib/generators/domain-yaml.ts';
import { generateFictionalPeople } from '../../lib/generators/fictional-people.ts';
import { generateGeneralKnowledgeControl } from '../../lib/generators/general-knowledge-control.ts';
import { generatePythonRenames } from '../../lib/generators/python-renames.ts';
import { DOMAINS_DIR } from '../../lib/suites/write-suites.ts';
import { defineCommand } from '../../lib/cli/command-spec.ts';
import { declaredCommand, writer } from '../run-command.ts';

export const spec = defineCommand({
  script: 'domains:generate',
  summary: 'Regenerates the bundled domains from their seeded generators in lib/generators/: same seed, same bytes.',
  options: { out: { type: 'text', value: 'DIR', description: 'where they are written', defaultText: 'suites/domains' } },
});

export const main = declaredCommand(spec, ({ values }, io) => {
  const out = writer(io.stdout);
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
