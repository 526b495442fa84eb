/** `npm run domains:generate`: see scripts/commands/generate-domains.ts. */
import { main } from './commands/generate-domains.ts';
import { runBin } from './run-command.ts';

runBin(main);
