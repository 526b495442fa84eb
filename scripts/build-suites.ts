/** `npm run suites`: see scripts/commands/build-suites.ts. */
import { main } from './commands/build-suites.ts';
import { runBin } from './run-command.ts';

runBin(main);
