/** `npm run reproduce`: see scripts/commands/reproduce.ts. */
import { main } from './commands/reproduce.ts';
import { runBin } from './run-command.ts';

runBin(main);
