/** `npm run report`: see scripts/commands/report.ts. */
import { main } from './commands/report.ts';
import { runBin } from './run-command.ts';

runBin(main);
