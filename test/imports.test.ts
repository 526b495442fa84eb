/**
 * The import rules (.dependency-cruiser.cjs, checked by dependency-cruiser):
 * no import cycle anywhere in the project, lib/ never imports
 * providers/, assertions/, scripts/ or test/, lib/'s folders are layers in
 * one order (each imports only the ones at or below it), and the emulators
 * keep apart. `npm run deps` runs the check on the project; fixtures with
 * each violation (and the allowed imports beside them) show what it rejects.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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

/** The layer order, lowest first, as the config states it. */
const LAYERS: readonly string[] = createRequire(import.meta.url)(CONFIG).layers;

/** Writes files (path relative to dir → content) and a tsconfig like the project's. */
function fixture(files: Record<string, string>): string {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', allowImportingTsExtensions: true, noEmit: true } }));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

/** Each violation dependency-cruiser reports, as "rule: from → to". */
function violations(out: string): string[] {
  return [...out.matchAll(/error ([\w-]+): (\S+) →\s+(\S+)/g)].map((m) => `${m[1]}: ${m[2]} → ${m[3]}`).sort();
}

const importing = (target: string) => `import { t } from '${target}';\nexport const u = t;\n`;

describe('imports', () => {
  it('the project has no import cycle, lib/ imports no adapter or test and keeps its layer order (what npm run deps checks)', () => {
    const r = depcruise(PROJECT_ROOT, ['lib', 'scripts', 'providers', 'assertions', 'extensions', 'emulators', 'test']);
    expect(r.out).toMatch(/no dependency violations found/);
    expect(r.code).toBe(0);
  });

  it('every lib/ folder has a place in the layer order, and docs/development.md states that order', () => {
    const folders = readdirSync(path.join(PROJECT_ROOT, 'lib'), { withFileTypes: true });
    expect(folders.filter((f) => !f.isDirectory()).map((f) => f.name)).toEqual([]);
    expect(folders.map((f) => f.name).sort()).toEqual([...LAYERS].sort());
    expect(readFileSync(path.join(PROJECT_ROOT, 'docs', 'development.md'), 'utf8')).toContain(`\n${LAYERS.join(' → ')}\n`);
  });

  it('the check rejects a cycle, lib/ importing scripts/, every import of a higher layer, of a folder without a layer, and between emulators, and accepts the imports downward', () => {
    const files: Record<string, string> = {
      // A cycle through a type-only import, and the core importing an adapter.
      [`lib/${LAYERS[0]}/a.ts`]: "import { b } from './b.ts';\nexport const a = () => b;\n",
      [`lib/${LAYERS[0]}/b.ts`]: "import type { a } from './a.ts';\nexport const b = 1;\nexport type A = typeof a;\n",
      [`lib/${LAYERS[0]}/c.ts`]: "import { main } from '../../scripts/cli.ts';\nexport const c = main;\n",
      'scripts/cli.ts': 'export const main = 1;\n',
    };
    LAYERS.forEach((layer, i) => {
      files[`lib/${layer}/target.ts`] = 'export const t = 1;\n';
      // Upward by one (rejected) and downward by one (allowed), for every adjacent pair of the order.
      if (i + 1 < LAYERS.length) files[`lib/${layer}/up.ts`] = importing(`../${LAYERS[i + 1]}/target.ts`);
      if (i > 0) files[`lib/${layer}/down.ts`] = importing(`../${LAYERS[i - 1]}/target.ts`);
    });
    // The same layer, and from the top to the bottom: allowed.
    files[`lib/${LAYERS.at(-1)}/bottom.ts`] = importing(`../${LAYERS[0]}/target.ts`);
    files[`lib/${LAYERS.at(-1)}/same.ts`] = importing('./target.ts');
    // From the bottom to the top: rejected.
    files[`lib/${LAYERS[0]}/top.ts`] = importing(`../${LAYERS.at(-1)}/target.ts`);
    // A loose file at lib/'s root and a folder with no place in the order.
    files['lib/loose.ts'] = importing(`./${LAYERS[0]}/target.ts`);
    files['lib/unplaced/a.ts'] = 'export const t = 1;\n';
    files[`lib/${LAYERS[1]}/uses-unplaced.ts`] = importing('../unplaced/a.ts');
    // Emulators: shared/ imports no single emulator, no emulator imports another, none uses platforms.
    files['emulators/openai/jobs.ts'] = importing('../shared/route.ts');
    files['emulators/shared/route.ts'] = importing('../../lib/models/target.ts');
    files['emulators/shared/borrowed.ts'] = importing('../openai/jobs.ts');
    files['emulators/vertex/server.ts'] = importing('../openai/jobs.ts');
    files['emulators/together/server.ts'] = importing('../../lib/platforms/target.ts');

    const r = depcruise(fixture(files), ['lib', 'scripts', 'emulators']);
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(new RegExp(`no-circular: lib/${LAYERS[0]}/a\\.ts →\\s+lib/${LAYERS[0]}/b\\.ts →\\s+lib/${LAYERS[0]}/a\\.ts`));
    const upward = LAYERS.slice(0, -1).map((layer, i) => `lib-layers: lib/${layer}/up.ts → lib/${LAYERS[i + 1]}/target.ts`);
    expect(violations(r.out)).toEqual(
      [
        `no-circular: lib/${LAYERS[0]}/a.ts → lib/${LAYERS[0]}/b.ts`,
        `lib-is-the-core: lib/${LAYERS[0]}/c.ts → scripts/cli.ts`,
        ...upward,
        `lib-layers: lib/${LAYERS[0]}/top.ts → lib/${LAYERS.at(-1)}/target.ts`,
        `lib-folder-has-a-layer: lib/loose.ts → lib/${LAYERS[0]}/target.ts`,
        `lib-folder-has-a-layer: lib/${LAYERS[1]}/uses-unplaced.ts → lib/unplaced/a.ts`,
        'emulators-shared-is-shared: emulators/shared/borrowed.ts → emulators/openai/jobs.ts',
        'emulators-apart: emulators/vertex/server.ts → emulators/openai/jobs.ts',
        'emulators-use-low-layers: emulators/together/server.ts → lib/platforms/target.ts',
      ].sort(),
    );
  });
});
