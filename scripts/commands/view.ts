/** `npm run view`: promptfoo's viewer, local and read-only (declared below; the work is lib/eval/viewer.ts). */
import { isIP } from 'node:net';
import { defineCommand } from '../../lib/cli/command-spec.ts';
import { DEFAULT_VIEWER_PORT, isWildcardHost, latestEvalLinks, reviewedRoutes, startViewer } from '../../lib/eval/viewer.ts';
import { declaredCommand, writer } from '../run-command.ts';

export const spec = defineCommand({
  script: 'view',
  summary:
    "promptfoo's viewer on the project's evals, offline, quiet, local and read-only: it listens on 127.0.0.1 and ::1 only, and serves only the API routes reviewed as read-only; prints its URL, what it serves and the newest report's evals, and runs until Ctrl-C.",
  options: {
    port: { type: 'integer', value: 'N', min: 1, max: 65535, default: DEFAULT_VIEWER_PORT, description: 'the port it listens on' },
    host: {
      type: 'custom',
      value: 'ADDR',
      parse: (text: string) => (isIP(text) ? text : undefined),
      accepts: 'an IP address of this machine (0.0.0.0 or :: for every interface)',
      defaultText: '127.0.0.1 and ::1',
      description: 'listen on ADDR instead: whoever reaches it reads every eval (said as a warning)',
    },
  },
});

export const main = declaredCommand(spec, async ({ values }, io) => {
  const out = writer(io.stdout);
  const err = writer(io.stderr);
  const { port, host } = values;
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
