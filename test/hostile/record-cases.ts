/**
 * Hostile cases, records are what they say (issue 16, defect 8): a ledger
 * record copied or renamed under another key, one that is a symlink (to a
 * file outside, to another record, to nothing), a damaged one; a sidecar that
 * is a symlink. Each is one line naming the file, quoting nothing from it,
 * nothing written.
 */
import { copyFileSync, mkdirSync, readdirSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { loadDomains } from '../../lib/domain/load.ts';
import { tempDir } from '../helpers/run.ts';
import type { CheckCase } from './check-case.ts';
import type { CommandCase, CommandName, Workspace } from './command-cases.ts';

type Run = (command: CommandName, argv: string[]) => Promise<{ code: number; stdout: string }>;

const REGISTER = (w: Workspace) => ['register', '--name', 'lora', '--base-url', 'http://127.0.0.1:9/v1', '--model', 'lora', '--domain', 'one', '--domains', w.domains];
const PLAN_VARIANTS = (w: Workspace) => ['plan', '--domain', 'one', '--model', 'gpt-4o-mini', '--epochs', '1', '--domains', w.domains, '--recipe', 'variants'];
/** What a file outside the ledger holds: no message may quote it. */
const OUTSIDE = 'CANARY-OUTSIDE-TEXT';

/** Registers run `lora` and returns its record's path. */
async function registered(w: Workspace, run: Run): Promise<string> {
  await run('finetune', REGISTER(w));
  const record = readdirSync(w.runs).find((f) => /^[0-9a-f]{16}\.json$/.test(f))!;
  return path.join(w.runs, record);
}

const SYMLINK = /1111111111111111\.json: a symlink where a ledger record should be; a record is a plain file the ledger wrote: move the link out of the ledger$/;
const SIDECAR_LINK = /one\.training\.yaml: a symlink; an augmentation sidecar must be a plain file beside its domain \(it is trained, and its content is part of a run's key\): replace the link with the file itself$/;

export const RECORD_CASES: CommandCase[] = [
  {
    name: 'a ledger record copied under another key',
    defect: '16.8',
    command: 'finetune',
    setup: async (w, run) => void copyFileSync(await registered(w, run), path.join(w.runs, 'fedcba9876543210.json')),
    argv: () => ['list'],
    error: /fedcba9876543210\.json: the record in it is not run fedcba9876543210 \(its key is another run's: a record copied or renamed by hand\); move it out of the ledger$/,
  },
  {
    name: 'a ledger record renamed to another key (status --run)',
    defect: '16.8',
    command: 'finetune',
    setup: async (w, run) => renameSync(await registered(w, run), path.join(w.runs, '0000000000000000.json')),
    argv: () => ['status', '--run', 'lora'],
    error: /0000000000000000\.json: the record in it is not run 0000000000000000 /,
  },
  ...([
    ['a file outside the ledger', (w: Workspace) => path.join(w.root, 'outside.txt')],
    ['another record', (w: Workspace) => path.join(w.runs, readdirSync(w.runs).find((f) => f.endsWith('.json'))!)],
    ['nothing', (w: Workspace) => path.join(w.root, 'gone.json')],
  ] as const).map(([to, target]): CommandCase => ({
    name: `a ledger record that is a symlink to ${to}`,
    defect: '16.8',
    command: 'finetune',
    setup: async (w, run) => {
      await registered(w, run);
      writeFileSync(path.join(w.root, 'outside.txt'), `${OUTSIDE}\n`);
      symlinkSync(target(w), path.join(w.runs, '1111111111111111.json'));
    },
    argv: () => ['list'],
    error: SYMLINK,
  })),
  {
    name: 'a damaged ledger record: where, never what',
    defect: '16.8',
    command: 'finetune',
    setup: (w) => writeFileSync(path.join(w.runs, '2222222222222222.json'), `{"version": 1,\n  ${OUTSIDE}`),
    argv: () => ['list'],
    error: /2222222222222222\.json: not valid JSON \(at line 2, column 3\); the ledger file is damaged$/,
  },
  {
    name: 'a sidecar symlinked outside the domains folder (plan --recipe variants)',
    defect: '16.8',
    command: 'finetune',
    setup: (w) => {
      writeFileSync(path.join(w.root, 'elsewhere.yaml'), `${OUTSIDE}: [1]\n`);
      symlinkSync(path.join(w.root, 'elsewhere.yaml'), path.join(w.domains, 'one.training.yaml'));
    },
    argv: PLAN_VARIANTS,
    error: SIDECAR_LINK,
  },
  {
    name: 'a sidecar symlinked inside the domains folder (register --recipe statements)',
    defect: '16.8',
    command: 'finetune',
    setup: (w) => {
      writeFileSync(path.join(w.domains, 'kept.bak'), 'domain: one\nfacts: {}\n');
      symlinkSync(path.join(w.domains, 'kept.bak'), path.join(w.domains, 'one.training.yaml'));
    },
    argv: (w) => [...REGISTER(w), '--recipe', 'statements'],
    error: SIDECAR_LINK,
  },
  {
    name: 'a sidecar that is a dangling symlink',
    defect: '16.8',
    command: 'finetune',
    setup: (w) => symlinkSync(path.join(w.root, 'gone.yaml'), path.join(w.domains, 'one.training.yaml')),
    argv: PLAN_VARIANTS,
    error: SIDECAR_LINK,
  },
];

export const RECORD_CHECKS: CheckCase[] = [
  {
    name: 'a sidecar symlink is no warning of the domain loader (npm run suites, npm start)',
    defect: '16.8',
    check: () => {
      const dir = tempDir('ftbench-hostile-sidecar-link-');
      const domains = path.join(dir, 'domains');
      mkdirSync(domains);
      writeFileSync(path.join(dir, 'outside.yaml'), `${OUTSIDE}\n`);
      writeFileSync(path.join(domains, 'one.yaml'), 'id: one\ntitle: T\nkind: new\nprompt: "Q: {{question}}"\nfacts:\n  - { id: f0, statement: S., question: Q?, answer: "0" }\n');
      symlinkSync(path.join(dir, 'outside.yaml'), path.join(domains, 'one.training.yaml'));
      const warnings: string[] = [];
      expect(loadDomains(domains, (m) => warnings.push(m)).map((d) => d.domain.id)).toEqual(['one']);
      expect(warnings).toEqual([]);
    },
  },
];
