/**
 * `npm run view [-- --port N]`: promptfoo's viewer on the project's evals,
 * offline and quiet (lib/eval/viewer.ts); prints its URL and the newest
 * report's evals, and runs until Ctrl-C.
 */
import { parseArgs } from 'node:util';
import { latestEvalLinks, parsePort, startViewer } from '../../lib/eval/viewer.ts';
import { parseCliArgs } from '../parse-args.ts';
import { command, writer } from '../run-command.ts';

const USAGE = 'usage: npm run view -- [--port N]   (default port 15500)';

export const main = command(async (argv, io) => {
  const out = writer(io.stdout);
  const { values } = parseCliArgs(() => parseArgs({ args: argv, options: { port: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }), USAGE);
  if (values.help) return out(USAGE);
  const viewer = await startViewer(parsePort(values.port), io.env, writer(io.stderr));
  out(`promptfoo's viewer: ${viewer.url}   (Ctrl-C stops it)`);
  const links = latestEvalLinks(viewer.url, io.env);
  if (links.length) out(['the newest report\'s evals:', ...links.map((l) => `  ${l}`)].join('\n'));
  return io.interruptible(async (signal) => {
    signal.addEventListener('abort', () => viewer.stop());
    return (await viewer.exited) ?? 0;
  });
});
