/**
 * `npm run view [-- --port N]`: promptfoo's viewer on the project's evals,
 * offline and quiet (lib/eval/viewer.ts); prints its URL and the newest
 * report's evals, and runs until Ctrl-C.
 */
import { parseArgs } from 'node:util';
import { latestEvalLinks, parsePort, startViewer } from '../lib/eval/viewer.ts';
import { parseCliArgs } from './parse-args.ts';
import { runCli } from './run-cli.ts';

const USAGE = 'usage: npm run view -- [--port N]   (default port 15500)';

runCli(async () => {
  const { values } = parseCliArgs(() => parseArgs({ options: { port: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }), USAGE);
  if (values.help) return console.log(USAGE);
  const viewer = await startViewer(parsePort(values.port), process.env, (line) => console.error(line));
  console.log(`promptfoo's viewer: ${viewer.url}   (Ctrl-C stops it)`);
  const links = latestEvalLinks(viewer.url);
  if (links.length) console.log(['the newest report\'s evals:', ...links.map((l) => `  ${l}`)].join('\n'));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => viewer.stop(signal));
  process.exitCode = (await viewer.exited) ?? 0;
});
