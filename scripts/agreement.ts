/** `npm run agreement`: see scripts/commands/agreement.ts. */
import { main } from './commands/agreement.ts';
import { runBin } from './run-command.ts';

runBin(main);
