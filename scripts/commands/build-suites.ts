/**
 * `npm run suites [-- --domains DIR --out DIR --checkpoints]`: builds one
 * promptfoo config per domain, suites/generated/<domain>.yaml, from
 * suites/domains/**.yaml; --checkpoints adds every served checkpoint of each
 * fine-tuning run (learning curves).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeSuites } from '../../lib/suites/write-suites.ts';
import { parseCliArgs } from '../parse-args.ts';
import { command, writer } from '../run-command.ts';

const USAGE = 'usage: npm run suites -- [--domains DIR] [--out DIR] [--checkpoints]';

export const main = command(async (argv, io) => {
  const out = writer(io.stdout);
  const { values } = parseCliArgs(
    () => parseArgs({ args: argv, options: { domains: { type: 'string' }, out: { type: 'string' }, checkpoints: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }),
    USAGE,
  );
  if (values.help) return out(USAGE);
  const written = await writeSuites({
    domainsDir: values.domains && path.resolve(io.cwd, values.domains),
    outDir: values.out && path.resolve(io.cwd, values.out),
    checkpoints: values.checkpoints,
    env: io.env,
  });
  for (const s of written) out(`${path.relative(io.cwd, s.file)}  ${s.tests} tests  providers: ${s.providers.join(', ')}`);
});
