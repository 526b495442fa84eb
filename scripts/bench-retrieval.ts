/** `npm run bench:retrieval`: see scripts/commands/bench-retrieval.ts. */
import { main } from './commands/bench-retrieval.ts';
import { runBin } from './run-command.ts';

runBin(main);
