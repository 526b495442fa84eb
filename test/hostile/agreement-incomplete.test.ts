/**
 * `npm run agreement` reads the latest eval of each domain from promptfoo's
 * database; an eval interrupted by Ctrl-C stays there with part of its
 * results. Here a real eval is interrupted after a few answers (a provider
 * that answers slowly and counts its calls), and agreement must skip it, say
 * so, and read the finished eval before it.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../lib/foundation/project-root.ts';
import { writeSuites } from '../../lib/suites/write-suites.ts';
import { main as agreement } from '../../scripts/commands/agreement.ts';
import { runMain } from '../helpers/command.ts';
import { runPromptfoo, tempDir } from '../helpers/run.ts';

const FACTS = 12;

function domain(): string {
  const items = Array.from({ length: FACTS }, (_, i) => `  - id: f${i}\n    statement: Item ${i} is ${i * 3}.\n    question: What is item ${i}?\n    answer: "${i * 3}"\n`);
  return `id: counted\ntitle: Counted\nkind: new\nprompt: "Answer.\\n{{question}}"\nfacts:\n${items.join('')}`;
}

describe('agreement and an interrupted eval', () => {
  it('skips the interrupted eval, says how many it skipped, and reads the finished one', async () => {
    const work = tempDir('ftbench-agreement-');
    const env = { PROMPTFOO_CONFIG_DIR: path.join(work, 'promptfoo') };
    mkdirSync(path.join(work, 'domains'));
    writeFileSync(path.join(work, 'domains', 'counted.yaml'), domain());
    const [suite] = await writeSuites({ domainsDir: path.join(work, 'domains'), outDir: path.join(work, 'suites') });

    const finished = runPromptfoo(['eval', '-c', suite!.file, '--no-progress-bar', '--no-table', '--no-cache'], env);
    expect([0, 100], finished.stderr).toContain(finished.code);

    // The same suite again, against a slow provider that drops a file per call; Ctrl-C after three answers.
    const calls = path.join(work, 'calls');
    mkdirSync(calls);
    writeFileSync(
      path.join(work, 'slow.cjs'),
      `const fs = require('fs'); let n = 0;
module.exports = class { id() { return 'slow'; } async callApi() { await new Promise((r) => setTimeout(r, 300)); fs.writeFileSync(${JSON.stringify(calls)} + '/' + (++n), ''); return { output: '0' }; } };`,
    );
    const bin = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'promptfoo');
    const child = spawn(bin, ['eval', '-c', suite!.file, '-r', `file://${path.join(work, 'slow.cjs')}`, '-j', '1', '--no-progress-bar', '--no-table', '--no-cache'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...env },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.on('close', resolve));
    const deadline = Date.now() + 90_000;
    while (readdirSync(calls).length < 3 && child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGINT');
    await exited;
    expect(readdirSync(calls).length, 'the second eval was interrupted part way').toBeLessThan(FACTS);

    const r = await runMain(agreement, [], { env });
    expect(r.code, r.stderr).toBe(0);
    const from = r.stdout.split('\n').find((l) => l.startsWith('from '))!;
    expect(from).toMatch(/^from eval eval-\S+: counted; skipped 1 incomplete eval\(s\), interrupted before the end: eval-\S+ \(\d+ results\)$/);
    // The table counts the finished eval's answers: all FACTS questions, from the lookup provider only.
    expect(r.stdout).toMatch(new RegExp(`│ counted\\s*│ lookup\\s*│ memorization\\s*│ ${FACTS} │`));
    expect(r.stdout).not.toMatch(/\bslow\b/);
    expect(existsSync(path.join(work, 'promptfoo'))).toBe(true);
    rmSync(work, { recursive: true, force: true });
  });
});
