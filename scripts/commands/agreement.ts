/**
 * `npm run agreement -- [results.json …] [--json] [--last N]`: per provider ×
 * domain × split, accuracy under each grading stage alone and under the
 * cascade, Cohen's kappa between the stages, and what judging cost. Reads
 * the given promptfoo results files, or by default the latest eval of each
 * domain in promptfoo's database (PROMPTFOO_CONFIG_DIR is honoured).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../../lib/foundation/errors.ts';
import { latestEvalsByDomain } from '../../lib/eval/promptfoo-db.ts';
import { readPromptfooOutput } from '../../lib/eval/run-promptfoo.ts';
import { agreementRows } from '../../lib/report/agreement.ts';
import { renderAgreementTable, renderJudgeUsage } from '../../lib/report/render-agreement.ts';
import type { PromptfooResultLike } from '../../lib/report/summary.ts';
import { parseCliArgs } from '../parse-args.ts';
import { command, writer } from '../run-command.ts';

const USAGE = 'usage: npm run agreement -- [promptfoo results .json …] [--json] [--last N (evals to look through in the database, default 10)]';

export const main = command(async (argv, io) => {
  const out = writer(io.stdout);
  const { values, positionals } = parseCliArgs(
    () =>
      parseArgs({
        args: argv,
        options: { json: { type: 'boolean' }, last: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
        allowPositionals: true,
      }),
    USAGE,
  );
  if (values.help) return out(USAGE);
  const last = values.last === undefined ? 10 : Number(values.last);
  if (!Number.isInteger(last) || last < 1) throw new UserError(`--last: expected a whole number ≥ 1, got ${JSON.stringify(values.last)}\n${USAGE}`);
  const results: PromptfooResultLike[] = [];
  const sources: string[] = [];
  if (positionals.length) {
    for (const file of positionals) {
      const output = readPromptfooOutput(path.resolve(io.cwd, file));
      results.push(...output.results);
      sources.push(`${file}${output.evalId ? ` (eval ${output.evalId})` : ''}`);
    }
  } else {
    const { evals, incomplete } = await latestEvalsByDomain(last, io.env);
    for (const e of evals) {
      results.push(...e.results);
      sources.push(`eval ${e.evalId}: ${e.domains.join(', ')}`);
    }
    if (incomplete.length)
      sources.push(`skipped ${incomplete.length} incomplete eval(s), interrupted before the end: ${incomplete.map((x) => `${x.evalId} (${x.results} results)`).join(', ')}`);
  }
  const rows = agreementRows(results);
  if (values.json) {
    writer(io.stderr)(`from ${sources.join('; ')}`); // stdout stays pure JSON
    return out(JSON.stringify(rows, null, 2));
  }
  out(`from ${sources.join('; ')}`);
  out(renderAgreementTable(rows));
  out(renderJudgeUsage(rows));
});
