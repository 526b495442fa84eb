/** `npm run schema`: see scripts/commands/write-schema.ts. */
import { main } from './commands/write-schema.ts';
import { runBin } from './run-command.ts';

runBin(main);
