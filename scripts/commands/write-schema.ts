/** `npm run schema [-- --out DIR]`: writes domain.schema.json (default into suites/domains/) from the zod schema in lib/domain/schema.ts. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../../lib/foundation/atomic-write.ts';
import { domainJsonSchema } from '../../lib/domain/json-schema.ts';
import { DOMAINS_DIR } from '../../lib/suites/write-suites.ts';
import { parseCliArgs } from '../parse-args.ts';
import { command, writer } from '../run-command.ts';

const USAGE = 'usage: npm run schema -- [--out DIR (default suites/domains)]';

export const main = command((argv, io) => {
  const out = writer(io.stdout);
  const { values } = parseCliArgs(() => parseArgs({ args: argv, options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }), USAGE);
  if (values.help) return out(USAGE);
  const file = path.join(values.out ? path.resolve(io.cwd, values.out) : DOMAINS_DIR, 'domain.schema.json');
  writeFileAtomic(file, domainJsonSchema());
  out(`wrote ${path.relative(io.cwd, file)}`);
});
