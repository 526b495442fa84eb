/** `npm run docs:commands`: see scripts/commands/docs-commands.ts. */
import { main } from './commands/docs-commands.ts';
import { runBin } from './run-command.ts';

runBin(main);
