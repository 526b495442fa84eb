/**
 * An emulator started the README's way, `npm run -s emulator -- openai … &`,
 * stops with `kill $!`: the PID the shell gives is npm's, and npm must not
 * leave the server behind (the npm script execs node, so the server is npm's
 * child: npm passes SIGTERM on, and a server whose parent is gone stops). One
 * real process per signal: start, signal that PID, the port is free soon and
 * no process of the group is left; the state folder's lock is released (the
 * server closed cleanly).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../lib/foundation/project-root.ts';
import { tempDir } from './helpers/run.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.on('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', () => resolve(true));
  });
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

// SIGTERM (plain `kill $!`) npm passes on to the server; SIGKILL and SIGHUP end npm alone, and the server sees its parent gone.
const STOPS = [
  { signal: 'SIGTERM', within: 1000 },
  { signal: 'SIGKILL', within: 2000 },
  { signal: 'SIGHUP', within: 2000 },
] as const;

describe('npm run -s emulator -- openai … & then kill $!', () => {
  it.each(STOPS)('kill -$signal $!: the server stops: port free within $within ms, no process left, state lock released', async ({ signal, within }) => {
    const state = tempDir('ftbench-emu-stop-');
    // As a shell runs `npm run -s emulator -- openai --port 0 --state DIR > env &`: $! is npm's pid.
    const npm = spawn('npm', ['run', '-s', 'emulator', '--', 'openai', '--port', '0', '--state', state], {
      cwd: PROJECT_ROOT,
      detached: true, // its own process group, so the test can tell whether anything of it is left
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    npm.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    npm.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    try {
      const deadline = Date.now() + 60_000;
      while (!/listening on/.test(stderr)) {
        if (Date.now() > deadline || npm.exitCode !== null) throw new Error(`the emulator did not start:\n${stdout}\n${stderr}`);
        await sleep(25);
      }
      const url = /^export OPENAI_BASE_URL=(\S+)$/m.exec(stdout)![1]!;
      const port = Number(new URL(url).port);
      // A keep-alive connection the server must not wait for.
      const answer = await fetch(`${url}/models`, { headers: { authorization: 'Bearer k' } });
      expect(answer.status).toBe(200);
      await answer.text();
      expect(existsSync(path.join(state, 'openai-emulator.lock'))).toBe(true);

      const killedAt = Date.now();
      process.kill(npm.pid!, signal);
      while (!(await portFree(port)) && Date.now() - killedAt < 5000) await sleep(10);
      const freedAfter = Date.now() - killedAt;
      while (groupAlive(npm.pid!) && Date.now() - killedAt < 5000) await sleep(10);
      const goneAfter = Date.now() - killedAt;
      console.log(`emulator stop: port free ${freedAfter} ms, every process gone ${goneAfter} ms after ${signal} to npm`);
      expect(freedAfter, stderr).toBeLessThan(within);
      expect(groupAlive(npm.pid!), 'a process of the emulator outlived npm').toBe(false);
      expect(existsSync(path.join(state, 'openai-emulator.lock')), 'the server closed cleanly').toBe(false);
    } finally {
      if (groupAlive(npm.pid!)) process.kill(-npm.pid!, 'SIGKILL');
    }
  }, 90_000);
});
