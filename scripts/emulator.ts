/** `npm run emulator`: see scripts/commands/emulator.ts. */
import { main } from './commands/emulator.ts';
import { runBin } from './run-command.ts';

runBin(main);
