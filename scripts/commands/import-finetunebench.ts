/** `npm run import:finetunebench`: FineTuneBench as domains (declared below; the work is lib/finetunebench/import-all.ts). */
import path from 'node:path';
import { domainQuestions } from '../../lib/domain/questions.ts';
import { locateCheckout } from '../../lib/finetunebench/checkout.ts';
import { IMPORT_DIR, importFinetunebench, writeImported } from '../../lib/finetunebench/import-all.ts';
import { checkOutputFolder } from '../../lib/foundation/output-folder.ts';
import { defineCommand } from '../../lib/cli/command-spec.ts';
import { declaredCommand, writer } from '../run-command.ts';

export const spec = defineCommand({
  script: 'import:finetunebench',
  summary: 'Imports a FineTuneBench checkout as finetunebench-* domains (git-ignored: they hold upstream data; never commit them).',
  options: {
    from: { type: 'text', value: 'DIR', description: 'the FineTuneBench checkout', defaultText: '$FINETUNEBENCH_DIR, else data/finetunebench' },
    out: { type: 'text', value: 'DIR', description: 'where the domains are written', defaultText: 'suites/domains/finetunebench' },
    all: { type: 'flag', description: "latest-news: every row, not only the ones the study analysed (used_in_analysis)" },
    'upstream-comparison-labels': { type: 'flag', description: "fictional-people: keep the study's own comparison labels instead of recomputing them from the attributes" },
  },
});

export const main = declaredCommand(spec, ({ values }, io) => {
  const out = writer(io.stdout);
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
