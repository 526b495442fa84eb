/** `npm run finetune`: see scripts/commands/finetune.ts. */
import { main } from './commands/finetune.ts';
import { runBin } from './run-command.ts';

runBin(main);
