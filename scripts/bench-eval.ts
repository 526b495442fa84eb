/** `npm run bench:eval`: see scripts/commands/bench-eval.ts. */
import { main } from './commands/bench-eval.ts';
import { runBin } from './run-command.ts';

runBin(main);
