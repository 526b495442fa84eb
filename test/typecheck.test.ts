/**
 * `npm test` type-checks the project as one of its test files: tsc runs beside
 * the other files (started first, see vitest.config.ts) instead of before them,
 * so its 20-odd CPU seconds fill the time the end-to-end files spend waiting.
 * A type error fails the run, printed as tsc prints it.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';
import { PROJECT_ROOT } from '../lib/foundation/project-root.ts';

it('tsc --noEmit finds no type error', async () => {
  const tsc = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsc');
  const r = await new Promise<{ code: number; output: string }>((resolve) =>
    execFile(tsc, ['--noEmit', '-p', PROJECT_ROOT], { cwd: PROJECT_ROOT, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }),
    ),
  );
  expect(r.code, r.output).toBe(0);
});
