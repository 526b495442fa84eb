/**
 * The command convention (lib/foundation/command-io.ts, scripts/run-command.ts): a
 * command is main(argv, io); a user error is one line on io.stderr and exit
 * 1; a bug propagates; questions are asked on io.stdin.
 */
import { describe, expect, it } from 'vitest';
import { confirm } from '../lib/finetune/confirm.ts';
import { UserError } from '../lib/foundation/errors.ts';
import { main as emulator } from '../scripts/commands/emulator.ts';
import { main as finetune } from '../scripts/commands/finetune.ts';
import { command } from '../scripts/run-command.ts';
import { runMain, testIO } from './helpers/command.ts';

describe('command()', () => {
  it('prints a UserError as one "error:" line on io.stderr and returns 1; a body that returns nothing exits 0', async () => {
    const failing = command(() => {
      throw new UserError('--x "y": expected a number');
    });
    expect(await runMain(failing, [])).toEqual({ code: 1, stdout: '', stderr: 'error: --x "y": expected a number\n' });
    expect(await runMain(command(() => undefined), [])).toEqual({ code: 0, stdout: '', stderr: '' });
    expect((await runMain(command(() => 130), [])).code).toBe(130);
  });

  it('lets any other error through: it is a bug, and its stack is wanted', async () => {
    const buggy = command(() => {
      throw new TypeError('x is undefined');
    });
    await expect(runMain(buggy, [])).rejects.toThrow(TypeError);
  });

  it('reads argv, env and cwd from io, not from the process', async () => {
    const io = testIO({ env: { FTBENCH_RUNS_DIR: '/nonexistent-ftbench-runs' }, cwd: '/tmp' });
    const code = await finetune(['list'], io);
    expect(code).toBe(0);
    expect(io.stdout.text).toBe('no runs in /nonexistent-ftbench-runs\n');
    const relative = testIO({ cwd: '/nonexistent-ftbench-cwd' });
    expect(await finetune(['list', '--runs-dir', 'runs'], relative)).toBe(0);
    expect(relative.stdout.text).toBe('no runs in /nonexistent-ftbench-cwd/runs\n');
  });
});

describe('commands in-process', () => {
  it('--help prints the usage on stdout and exits 0', async () => {
    const r = await runMain(finetune, ['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: npm run finetune -- <plan\|start\|status\|wait\|list\|cancel\|register>/);
  });

  it('an unknown emulator is a one-line error naming the known ones', async () => {
    const r = await runMain(emulator, ['nope']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: unknown emulator "nope"; one of openai, vertex, together, judge\n');
  });
});

describe('confirm() asks on io.stdin', () => {
  const ask = (typed?: string) => confirm('Start 1 job for about $0.05?', { yes: false, refusal: 'not starting 1 job', io: testIO({ typed }) });

  it('goes on when the person types y, and says what it asked on io.stderr', async () => {
    const io = testIO({ typed: 'y\n' });
    await confirm('Start 1 job for about $0.05?', { yes: false, refusal: 'not starting 1 job', io });
    expect(io.stderr.text).toBe('Start 1 job for about $0.05? [y/N] ');
  });

  it('refuses on anything else, and without a terminal, saying --yes', async () => {
    await expect(ask('n\n')).rejects.toThrow(/^not starting 1 job: not confirmed$/);
    await expect(ask()).rejects.toThrow(/^not starting 1 job: there is no terminal to ask on; pass --yes to confirm$/);
    await expect(confirm('x', { yes: true, refusal: 'r', io: testIO() })).resolves.toBeUndefined();
  });
});
