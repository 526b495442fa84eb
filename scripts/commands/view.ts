/**
 * `npm run view [-- --port N] [--host ADDR]`: promptfoo's viewer on the
 * project's evals, offline, quiet, local and read-only (lib/eval/viewer.ts);
 * prints its URL, what it serves, and the newest report's evals, and runs
 * until Ctrl-C.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_VIEWER_PORT, isWildcardHost, latestEvalLinks, parseHost, parsePort, reviewedRoutes, startViewer } from '../../lib/eval/viewer.ts';
import { parseCliArgs } from '../parse-args.ts';
import { command, writer } from '../run-command.ts';

const USAGE = `usage: npm run view -- [--port N] [--host ADDR]   (default port ${DEFAULT_VIEWER_PORT}, on 127.0.0.1 and ::1 only)
  --host ADDR   listen on ADDR instead (0.0.0.0 or :: for every interface): whoever reaches it reads every eval`;

export const main = command(async (argv, io) => {
  const out = writer(io.stdout);
  const err = writer(io.stderr);
  const { values } = parseCliArgs(
    () => parseArgs({ args: argv, options: { port: { type: 'string' }, host: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }),
    USAGE,
  );
  if (values.help) return out(USAGE);
  const port = parsePort(values.port);
  const host = parseHost(values.host);
  if (host) {
    const where = isWildcardHost(host) ? 'every interface of this machine' : host;
    err(`warning: --host ${host}: the viewer listens on ${where}, not on loopback only; anyone who can reach it there can read every eval in the database (its API stays read-only)`);
  }
  const viewer = await startViewer({ port, host }, io.env, err);
  out(`promptfoo's viewer: ${viewer.url}   (Ctrl-C stops it)`);
  const routes = viewer.routes.filter((r) => !r.route.startsWith('USE '));
  out(`read-only${host ? '' : ', on 127.0.0.1 and ::1 only'}: ${routes.filter((r) => r.served).length} of the ${routes.length} routes of promptfoo's API are served; the others (evals, provider tests, red team, writes, deletes) answer 403`);
  const reviewed = reviewedRoutes();
  const unreviewed = viewer.routes.filter((r) => !(r.route in reviewed.served) && !(r.route in reviewed.refused)).map((r) => r.route);
  if (unreviewed.length) err(`warning: promptfoo's API has ${unreviewed.length} route(s) that lib/eval/viewer-routes.json (reviewed for promptfoo ${reviewed.promptfoo}) does not list; they answer 403 until reviewed: ${unreviewed.join(', ')}`);
  const links = latestEvalLinks(viewer.url, io.env);
  if (links.length) out(['the newest report\'s evals:', ...links.map((l) => `  ${l}`)].join('\n'));
  return io.interruptible(async (signal) => {
    signal.addEventListener('abort', () => viewer.stop());
    return (await viewer.exited) ?? 0;
  });
});
