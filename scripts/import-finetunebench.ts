/** `npm run import:finetunebench`: see scripts/commands/import-finetunebench.ts. */
import { main } from './commands/import-finetunebench.ts';
import { runBin } from './run-command.ts';

runBin(main);
