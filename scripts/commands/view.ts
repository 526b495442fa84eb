/** `npm run view`: promptfoo's viewer (declared below; the work is lib/eval/viewer.ts). */
import { DEFAULT_VIEWER_PORT, latestEvalLinks, startViewer } from '../../lib/eval/viewer.ts';
import { defineCommand } from '../../lib/cli/command-spec.ts';
import { declaredCommand, writer } from '../run-command.ts';

export const spec = defineCommand({
  script: 'view',
  summary: "promptfoo's viewer on the project's evals, offline and quiet: prints its URL and the newest report's evals, and runs until Ctrl-C.",
  options: { port: { type: 'integer', value: 'N', min: 1, max: 65535, default: DEFAULT_VIEWER_PORT, description: 'the port it listens on' } },
});

export const main = declaredCommand(spec, async ({ values }, io) => {
  const out = writer(io.stdout);
  const viewer = await startViewer(values.port, io.env, writer(io.stderr));
  out(`promptfoo's viewer: ${viewer.url}   (Ctrl-C stops it)`);
  const links = latestEvalLinks(viewer.url, io.env);
  if (links.length) out(['the newest report\'s evals:', ...links.map((l) => `  ${l}`)].join('\n'));
  return io.interruptible(async (signal) => {
    signal.addEventListener('abort', () => viewer.stop());
    return (await viewer.exited) ?? 0;
  });
});
