/**
 * Ctrl-C and kill during `npm start`, on a real process: the temporary folder
 * of the eval (/tmp/ftbench-eval-*) is removed and no promptfoo process
 * outlives the command; one killed outright (SIGKILL) leaves its folder, which
 * the next temporary folder's sweep removes. Each run gets its own TMPDIR, so
 * the folder it makes is the only one there.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sweepTempFolders } from '../../lib/foundation/temp-folder.ts';
import { startScript, tempDir } from '../helpers/run.ts';

function domain(id: string, facts: number): string {
  const items = Array.from({ length: facts }, (_, i) => `  - id: f${i}\n    statement: Item ${i} is ${i * 7}.\n    question: What is item ${i}?\n    answer: "${i * 7}"\n`);
  return `id: ${id}\ntitle: Items\nkind: new\nprompt: "Answer.\\n{{question}}"\nfacts:\n${items.join('')}`;
}

async function until(what: string, ready: () => boolean, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The node process running the command: tsx's child (tsx only relays signals, and kills a child that is slow to take one). */
function commandPid(tsxPid: number): number {
  const children = readFileSync(`/proc/${tsxPid}/task/${tsxPid}/children`, 'utf8').trim().split(/\s+/).map(Number);
  const node = children.find((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('scripts/main.ts'));
  if (!node) throw new Error(`no command process under tsx ${tsxPid}`);
  return node;
}

describe('npm start interrupted', () => {
  it.each([
    ['Ctrl-C (SIGINT to the whole process group, as a terminal sends it)', 'SIGINT', 'group'],
    ['SIGTERM to the command (as kill PID sends it)', 'SIGTERM', 'command'],
    ['SIGKILL to the command (no code runs: the next temporary folder sweeps it)', 'SIGKILL', 'command'],
  ] as const)('%s: no temporary folder and no process left behind', async (_name, signal, target) => {
    const work = tempDir('ftbench-interrupt-');
    const tmp = path.join(work, 'tmp');
    mkdirSync(tmp);
    mkdirSync(path.join(work, 'domains'));
    writeFileSync(path.join(work, 'domains', 'items.yaml'), domain('items', 40));
    const started = startScript('main.ts', ['--domains', path.join(work, 'domains'), '--suites', path.join(work, 'suites'), '--out', path.join(work, 'out')], {
      TMPDIR: tmp,
      PROMPTFOO_CONFIG_DIR: path.join(work, 'promptfoo'),
    });
    const evalFolders = () => readdirSync(tmp).filter((f) => f.startsWith('ftbench-eval-'));
    await until('the eval to start', () => evalFolders().length > 0 || started.child.exitCode !== null);
    expect(evalFolders(), 'the eval started').toHaveLength(1);
    // The promptfoo child is running in the temporary folder's time: now interrupt.
    if (target === 'group') process.kill(-started.child.pid!, signal);
    else process.kill(commandPid(started.child.pid!), signal);
    const result = await started.result;
    expect(result.code === null || result.code !== 0, `${result.stdout}\n${result.stderr}`).toBe(true);
    await until('every process of the command to end', () => !groupAlive(started.child.pid!), 15_000);
    if (signal === 'SIGKILL') {
      expect(evalFolders(), 'a killed process removes nothing itself').toHaveLength(1);
      expect(sweepTempFolders(tmp)).toEqual([expect.stringMatching(/^ftbench-eval-\d+-/)]);
    }
    expect(evalFolders()).toEqual([]);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    started.kill(); // nothing left to kill; a no-op unless the assertion above failed
    rmSync(work, { recursive: true, force: true });
  });
});
