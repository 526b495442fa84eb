/** `npm run schema`: the domain JSON Schema (declared below). */
import path from 'node:path';
import { writeFileAtomic } from '../../lib/foundation/atomic-write.ts';
import { domainJsonSchema } from '../../lib/domain/json-schema.ts';
import { DOMAINS_DIR } from '../../lib/suites/write-suites.ts';
import { defineCommand } from '../../lib/cli/command-spec.ts';
import { declaredCommand, writer } from '../run-command.ts';

export const spec = defineCommand({
  script: 'schema',
  summary: "Writes domain.schema.json, the JSON Schema of a domain file, from the zod schema in lib/domain/schema.ts (editors use it to check and complete domain files).",
  options: { out: { type: 'text', value: 'DIR', description: 'where it is written', defaultText: 'suites/domains' } },
});

export const main = declaredCommand(spec, ({ values }, io) => {
  const out = writer(io.stdout);
  const file = path.join(values.out ? path.resolve(io.cwd, values.out) : DOMAINS_DIR, 'domain.schema.json');
  writeFileAtomic(file, domainJsonSchema());
  out(`wrote ${path.relative(io.cwd, file)}`);
});
