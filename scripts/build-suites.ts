/**
 * `npm run suites [-- --domains DIR --out DIR --checkpoints]`: builds one
 * promptfoo config per domain, suites/generated/<domain>.yaml, from
 * suites/domains/**.yaml; --checkpoints adds every served checkpoint of each
 * fine-tuning run (learning curves).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeSuites } from '../lib/suites/write-suites.ts';
import { parseCliArgs } from './parse-args.ts';
import { runCli } from './run-cli.ts';

const USAGE = 'usage: npm run suites -- [--domains DIR] [--out DIR] [--checkpoints]';

runCli(async () => {
  const { values } = parseCliArgs(
    () => parseArgs({ options: { domains: { type: 'string' }, out: { type: 'string' }, checkpoints: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }),
    USAGE,
  );
  if (values.help) return console.log(USAGE);
  const written = await writeSuites({
    domainsDir: values.domains && path.resolve(values.domains),
    outDir: values.out && path.resolve(values.out),
    checkpoints: values.checkpoints,
  });
  for (const s of written) console.log(`${path.relative(process.cwd(), s.file)}  ${s.tests} tests  providers: ${s.providers.join(', ')}`);
});
