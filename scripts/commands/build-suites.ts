/** `npm run suites`: writes the promptfoo suites (declared below; the work is lib/suites/write-suites.ts). */
import path from 'node:path';
import { DEFAULT_MAX_COLUMNS } from '../../lib/suites/suite-columns.ts';
import { writeSuites } from '../../lib/suites/write-suites.ts';
import { defineCommand } from '../../lib/cli/command-spec.ts';
import { DEFAULT_RETRIEVAL_K } from '../../lib/baselines/fact-retrieval.ts';
import { declaredCommand, writer } from '../run-command.ts';

export const spec = defineCommand({
  script: 'suites',
  summary: 'Builds one promptfoo config per domain, suites/generated/<domain>.yaml, from every domain file under the domains folder.',
  options: {
    domains: { type: 'text', value: 'DIR', description: 'where the domains are', defaultText: 'suites/domains' },
    out: { type: 'text', value: 'DIR', description: 'where the suites are written', defaultText: 'suites/generated' },
    checkpoints: { type: 'flag', description: 'add every served checkpoint of each fine-tuning run (learning curves), each run\'s in a suite of its own: <domain>.checkpoints.<run key>.yaml' },
    'max-columns': { type: 'integer', value: 'N', min: 1, max: 100, default: DEFAULT_MAX_COLUMNS, description: 'the most provider columns one suite (one eval in the viewer) holds; the rest go to <domain>.2.yaml, …' },
    retrieval: {
      type: 'integer',
      value: 'K',
      min: 0,
      default: DEFAULT_RETRIEVAL_K,
      description: 'beside each base model and tuned run, add it with the K fact statements a BM25 search finds for the question (retrieval); 0 leaves it out',
    },
  },
});

export const main = declaredCommand(spec, async ({ values }, io) => {
  const out = writer(io.stdout);
  const written = await writeSuites({
    domainsDir: values.domains && path.resolve(io.cwd, values.domains),
    outDir: values.out && path.resolve(io.cwd, values.out),
    checkpoints: values.checkpoints,
    maxColumns: values['max-columns'],
    retrieval: values.retrieval,
    env: io.env,
  });
  for (const s of written) out(`${path.relative(io.cwd, s.file)}  ${s.tests} tests  providers: ${s.providers.join(', ')}`);
  const warn = writer(io.stderr);
  for (const s of written) if (s.warning) warn(`warning: ${s.warning}`);
});
