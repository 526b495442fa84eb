/** `npm start`: see scripts/commands/main.ts. */
import { main } from './commands/main.ts';
import { runBin } from './run-command.ts';

runBin(main);
