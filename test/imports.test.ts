/**
 * The import rules (.dependency-cruiser.cjs, checked by dependency-cruiser):
 * no import cycle anywhere in the project, and lib/ never imports
 * providers/, assertions/, scripts/ or test/. `npm run deps` runs the check
 * on the project; a fixture with one of each violation shows it fails.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../lib/foundation/project-root.ts';
import { tempDir } from './helpers/run.ts';

const DEPCRUISE = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'depcruise');
const CONFIG = path.join(PROJECT_ROOT, '.dependency-cruiser.cjs');

function depcruise(cwd: string, args: string[]) {
  const r = spawnSync(DEPCRUISE, [...args, '--config', CONFIG], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout + r.stderr };
}

describe('imports', () => {
  it('the project has no import cycle, and lib/ imports no adapter or test (what npm run deps checks)', () => {
    const r = depcruise(PROJECT_ROOT, ['lib', 'scripts', 'providers', 'assertions', 'extensions', 'emulators', 'test']);
    expect(r.out).toMatch(/no dependency violations found/);
    expect(r.code).toBe(0);
  });

  it('the check fails on a cycle and on lib/ importing scripts/', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'lib'));
    mkdirSync(path.join(dir, 'scripts'));
    writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', allowImportingTsExtensions: true, noEmit: true } }));
    writeFileSync(path.join(dir, 'lib', 'a.ts'), "import { b } from './b.ts';\nexport const a = () => b;\n");
    writeFileSync(path.join(dir, 'lib', 'b.ts'), "import type { a } from './a.ts';\nexport const b = 1;\nexport type A = typeof a;\n");
    writeFileSync(path.join(dir, 'lib', 'c.ts'), "import { main } from '../scripts/cli.ts';\nexport const c = main;\n");
    writeFileSync(path.join(dir, 'scripts', 'cli.ts'), 'export const main = 1;\n');
    const r = depcruise(dir, ['lib', 'scripts']);
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/no-circular: lib\/a\.ts →\s+lib\/b\.ts →\s+lib\/a\.ts/);
    expect(r.out).toMatch(/lib-is-the-core: lib\/c\.ts → scripts\/cli\.ts/);
  });
});
