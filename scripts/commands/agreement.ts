/** `npm run agreement`: how the grading stages agree (declared below; the rows are lib/report/agreement.ts). */
import path from 'node:path';
import { latestEvalsByDomain } from '../../lib/eval/promptfoo-db.ts';
import { readPromptfooOutput } from '../../lib/eval/run-promptfoo.ts';
import { buildSummary, evalOf } from '../../lib/report/build-summary.ts';
import { agreementSection } from '../../lib/report/sections/agreement.ts';
import type { EvalRef, PromptfooResultLike } from '../../lib/report/summary.ts';
import { defineCommand } from '../../lib/cli/command-spec.ts';
import { declaredCommand, writer } from '../run-command.ts';

export const spec = defineCommand({
  script: 'agreement',
  summary:
    "Per provider × domain × split: accuracy under each grading stage alone and under the cascade, Cohen's kappa between the stages, and what judging cost. Reads the given promptfoo results files, or by default the latest eval of each domain in promptfoo's database (PROMPTFOO_CONFIG_DIR is honoured).",
  positionals: { value: '[results.json …]', description: 'promptfoo results files (default: the latest eval of each domain in the database)' },
  options: {
    json: { type: 'flag', description: 'print the rows as JSON on stdout (the sources go to stderr)' },
    last: { type: 'integer', value: 'N', min: 1, default: 10, description: 'evals to look through in the database' },
  },
});

export const main = declaredCommand(spec, async ({ values, positionals }, io) => {
  const out = writer(io.stdout);
  const last = values.last;
  const results: PromptfooResultLike[] = [];
  const evalRefs: EvalRef[] = [];
  const sources: string[] = [];
  if (positionals.length) {
    for (const file of positionals) {
      const output = readPromptfooOutput(path.resolve(io.cwd, file));
      results.push(...output.results);
      evalRefs.push(evalOf(output.results, output.evalId, file));
      sources.push(`${file}${output.evalId ? ` (eval ${output.evalId})` : ''}`);
    }
  } else {
    const { evals, incomplete } = await latestEvalsByDomain(last, io.env);
    for (const e of evals) {
      results.push(...e.results);
      evalRefs.push({ domain: e.domains.join(', '), evalId: e.evalId, tests: e.results.length });
      sources.push(`eval ${e.evalId}: ${e.domains.join(', ')}`);
    }
    if (incomplete.length)
      sources.push(`skipped ${incomplete.length} incomplete eval(s), interrupted before the end: ${incomplete.map((x) => `${x.evalId} (${x.results} results)`).join(', ')}`);
  }
  const summary = buildSummary(results, { evals: evalRefs, agreement: true });
  if (values.json) {
    writer(io.stderr)(`from ${sources.join('; ')}`); // stdout stays pure JSON
    return out(JSON.stringify(summary.agreement, null, 2));
  }
  out(`from ${sources.join('; ')}`);
  out(agreementSection.terminal(summary));
});
