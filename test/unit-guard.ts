/**
 * Setup of `npm run test:unit`: a unit test starts no process and opens no
 * socket (so no emulator, no promptfoo eval, no network). Doing so throws,
 * naming what to do: list the file in vitest.config.ts's INTEGRATION.
 */
import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';

function refuse(what: string): () => never {
  return () => {
    throw new Error(`${what} in a unit test: list this file in INTEGRATION in vitest.config.ts (npm test runs it; npm run test:unit does not)`);
  };
}

for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const) {
  (childProcess as unknown as Record<string, unknown>)[name] = refuse(`child_process.${name}`);
}
net.Server.prototype.listen = refuse('a server listening') as never;
net.Socket.prototype.connect = refuse('a network connection') as never;
syncBuiltinESMExports();
