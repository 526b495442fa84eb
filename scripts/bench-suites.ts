/** `npm run bench:suites`: see scripts/commands/bench-suites.ts. */
import { main } from './commands/bench-suites.ts';
import { runBin } from './run-command.ts';

runBin(main);
