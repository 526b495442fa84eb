/**
 * `npm run import:finetunebench -- [--from DIR] [--out DIR] [--all] [--upstream-comparison-labels]`:
 * reads a FineTuneBench checkout (--from, else FINETUNEBENCH_DIR, else
 * data/finetunebench) and writes its four datasets as domains into
 * suites/domains/finetunebench/ (git-ignored), ids prefixed `finetunebench-`.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { domainQuestions } from '../../lib/domain/questions.ts';
import { locateCheckout } from '../../lib/finetunebench/checkout.ts';
import { IMPORT_DIR, importFinetunebench, writeImported } from '../../lib/finetunebench/import-all.ts';
import { checkOutputFolder } from '../../lib/foundation/output-folder.ts';
import { parseCliArgs } from '../parse-args.ts';
import { command, writer } from '../run-command.ts';

const USAGE = 'usage: npm run import:finetunebench -- [--from DIR] [--out DIR] [--all] [--upstream-comparison-labels]';

export const main = command((argv, io) => {
  const out = writer(io.stdout);
  const { values } = parseCliArgs(
    () =>
      parseArgs({
        args: argv,
        options: {
          from: { type: 'string' },
          out: { type: 'string' },
          all: { type: 'boolean' },
          'upstream-comparison-labels': { type: 'boolean' },
          help: { type: 'boolean', short: 'h' },
        },
      }),
    USAGE,
  );
  if (values.help) return out(USAGE);
  const outDir = values.out ? path.resolve(io.cwd, values.out) : IMPORT_DIR;
  checkOutputFolder(outDir, 'output folder');
  const checkout = locateCheckout(values.from && path.resolve(io.cwd, values.from), io.env);
  const domains = importFinetunebench(checkout.dir, outDir, {
    all: values.all,
    upstreamComparisonLabels: values['upstream-comparison-labels'],
  });
  writeImported(domains);
  out(`imported FineTuneBench from ${checkout.dir} (${checkout.from})`);
  for (const d of domains) {
    const counts = new Map<string, number>();
    for (const q of domainQuestions(d.parsed)) counts.set(q.split, (counts.get(q.split) ?? 0) + 1);
    const splits = [...counts].map(([split, n]) => `${split} ${n}`).join(', ');
    out(`\n${d.parsed.id}: ${d.parsed.facts.length} facts; ${splits}`);
    out(`  wrote ${path.relative(io.cwd, d.file)}`);
    for (const note of d.notes) out(`  - ${note}`);
  }
  out('\nThese files hold upstream data: they are git-ignored; never commit them.');
});
