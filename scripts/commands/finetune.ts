/**
 * `npm run finetune -- <plan|start|status|wait|list|cancel|register> …`: the
 * adapter from the command line (finetune-args.ts) to lib/finetune, which
 * holds the rules (the paid start: lib/finetune/start-runs.ts).
 */
import { FinetuneSession } from '../../lib/finetune/finetune-session.ts';
import { checkLedgerFolder } from '../../lib/ledger/ledger.ts';
import { declaredCommand } from '../run-command.ts';
import { finetuneRequest, spec } from './finetune-args.ts';

export { spec };

export const main = declaredCommand(spec, (parsed, io) => {
  const request = finetuneRequest(parsed, io);
  checkLedgerFolder(request.runsDir, { createsRuns: request.command === 'start' || request.command === 'register' });
  return new FinetuneSession(request, io).run();
});
