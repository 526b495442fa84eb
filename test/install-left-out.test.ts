/**
 * The install leaves out optional promptfoo dependencies that no command,
 * provider, assertion or test of this project loads: package.json points each
 * name at vendor/absent-optional (a stub that throws when loaded) and
 * overrides promptfoo's request with it. These checks fail when the list and
 * package.json disagree, when an installed package needs one of them for
 * real, when the project's code imports one, or when promptfoo starts
 * loading one as its CLI or library starts (its features import them lazily).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { init, parse } from 'es-module-lexer';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../lib/foundation/project-root.ts';

const STUB_SPEC = 'file:vendor/absent-optional';
const readJson = (file: string) => JSON.parse(readFileSync(path.join(PROJECT_ROOT, file), 'utf8'));

/** name → what in promptfoo needs it (the reason it is not needed here). */
const LEFT_OUT: Record<string, string> = readJson('vendor/absent-optional/left-out.json');
const NAMES = Object.keys(LEFT_OUT).sort();
const pkg = readJson('package.json');
const lock = readJson('package-lock.json');

/** The package a module specifier names: `@scope/name/sub/path.js` → `@scope/name`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return parts.slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
}

const projectRequire = createRequire(path.join(PROJECT_ROOT, 'package.json'));
/** promptfoo's folder and manifest (its exports do not include package.json). */
const PROMPTFOO_DIR = 'node_modules/promptfoo';
const promptfooPkg = readJson(`${PROMPTFOO_DIR}/package.json`);

describe('optional promptfoo dependencies left out of the install', () => {
  it('package.json points exactly the packages of left-out.json at the stub and overrides every request for them with it; each has a reason', () => {
    expect(NAMES.length).toBeGreaterThan(0);
    for (const name of NAMES) expect(LEFT_OUT[name], name).toMatch(/\w{3}/);
    const stubbed = Object.entries(pkg.optionalDependencies ?? {}).filter(([, spec]) => spec === STUB_SPEC).map(([name]) => name);
    expect(stubbed.sort()).toEqual(NAMES);
    const overridden = Object.entries(pkg.overrides ?? {}).filter(([name, spec]) => spec === `$${name}` && pkg.optionalDependencies?.[name] === STUB_SPEC).map(([name]) => name);
    expect(overridden.sort()).toEqual(NAMES);
  });

  it('each is an optional dependency of promptfoo, and no other installed package asks for one', () => {
    const promptfooOptional = Object.keys(promptfooPkg.optionalDependencies ?? {});
    expect(NAMES.filter((name) => !promptfooOptional.includes(name))).toEqual([]);
    const askers: string[] = [];
    for (const [where, entry] of Object.entries<Record<string, any>>(lock.packages)) {
      if (where === '' || entry.link) continue;
      for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies']) {
        for (const name of Object.keys(entry[field] ?? {})) {
          const optionalPeer = field === 'peerDependencies' && entry.peerDependenciesMeta?.[name]?.optional;
          if (name in LEFT_OUT && !optionalPeer) askers.push(`${where} ${field} ${name}`);
        }
      }
    }
    expect(askers.sort()).toEqual(NAMES.map((name) => `node_modules/promptfoo optionalDependencies ${name}`));
  });

  it('the lock installs the stub under each name, once, and nothing of the real packages', () => {
    for (const name of NAMES) {
      expect(lock.packages[`node_modules/${name}`], name).toEqual({ resolved: 'vendor/absent-optional', link: true });
      const copies = Object.keys(lock.packages).filter((where) => where.endsWith(`node_modules/${name}`) || where.includes(`node_modules/${name}/`));
      expect(copies, name).toEqual([`node_modules/${name}`]);
    }
  });

  it('loading one, or any file inside it, throws an error that says it was left out and how to get it back', async () => {
    for (const name of NAMES) {
      expect(() => projectRequire(name), name).toThrow(/leaves out of its install.*delete its entries from "optionalDependencies" and "overrides"/);
    }
    const url = (specifier: string) => import(specifier);
    await expect(url('@modelcontextprotocol/sdk/client/index.js')).rejects.toThrow(/leaves out of its install/);
    await expect(url('read-excel-file/node')).rejects.toThrow(/leaves out of its install/);
  });

  it('no file of the project imports or requires one', () => {
    const found: string[] = [];
    const dirs = ['lib', 'providers', 'assertions', 'extensions', 'scripts', 'emulators', 'test'];
    const files = dirs.flatMap((dir) => (readdirSync(path.join(PROJECT_ROOT, dir), { recursive: true }) as string[]).map((f) => path.join(dir, f)));
    for (const file of [...files.filter((f) => /\.[cm]?[jt]s$/.test(f)), 'vitest.config.ts', '.dependency-cruiser.cjs']) {
      const { importedFiles } = ts.preProcessFile(readFileSync(path.join(PROJECT_ROOT, file), 'utf8'), true, true);
      for (const { fileName } of importedFiles) if (packageOf(fileName) in LEFT_OUT) found.push(`${file}: ${fileName}`);
    }
    expect(files.length).toBeGreaterThan(100);
    expect(found).toEqual([]);
  });

  it("promptfoo's CLI and library import none of them as they load (their features import them when used)", async () => {
    await init;
    const root = path.join(PROJECT_ROOT, PROMPTFOO_DIR);
    const loaded = new Set<string>();
    const eager: string[] = [];
    /** Follows the static imports of a file; `dynamicToo` also the relative import()s (the CLI's entry point loads its main module so). */
    const visit = (file: string, dynamicToo = false) => {
      if (loaded.has(file)) return;
      loaded.add(file);
      const [imports] = parse(readFileSync(file, 'utf8'), file);
      for (const { n: specifier, d } of imports) {
        const dynamic = d !== -1; // import(): runs when the code around it does
        if (!specifier || (dynamic && !(dynamicToo && specifier.startsWith('.')))) continue;
        if (specifier.startsWith('.')) visit(path.resolve(path.dirname(file), specifier));
        else if (packageOf(specifier) in LEFT_OUT) eager.push(`${path.relative(root, file)}: ${specifier}`);
      }
    };
    visit(path.join(root, promptfooPkg.bin.promptfoo), true); // npx promptfoo …, the eval, view and export commands
    visit(path.join(root, promptfooPkg.exports['.'].import)); // import { … } from 'promptfoo'
    expect(loaded.size).toBeGreaterThan(20);
    expect(eager).toEqual([]);
  });
});
