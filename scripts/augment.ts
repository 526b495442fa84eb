/** `npm run augment`: see scripts/commands/augment.ts. */
import { main } from './commands/augment.ts';
import { runBin } from './run-command.ts';

runBin(main);
