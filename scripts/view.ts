/** `npm run view`: see scripts/commands/view.ts. */
import { main } from './commands/view.ts';
import { runBin } from './run-command.ts';

runBin(main);
