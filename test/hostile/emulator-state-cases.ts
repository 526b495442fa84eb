/**
 * Hostile state folders for the emulators (`--state DIR`, issue 19): a file
 * where the folder should be, state files that are not JSON, not an emulator's,
 * another emulator's or another project's, a malformed record, a symlink to a
 * system file. Each stops the start with one line naming the file and what is
 * wrong (exit 1), and leaves the workspace (the file too) as it was.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CommandCase, Workspace } from './command-cases.ts';

const stateDir = (w: Workspace) => path.join(w.root, 'state');
const envelope = (emulator: string, state: unknown, version = 1) => JSON.stringify({ format: 'ftbench-emulator-state', emulator, version, savedAt: '2026-12-01T00:00:00Z', state });

/** A state file `name` in the workspace's state folder holding `content` (the corpus checks it is left as it was). */
function stateFileCase(name: string, emulator: 'openai' | 'vertex' | 'together', content: string, message: RegExp, extraArgs: string[] = []): CommandCase {
  const file = (w: Workspace) => path.join(stateDir(w), `${emulator}-emulator.json`);
  return {
    name: `emulator ${emulator} --state: ${name}`,
    defect: '19.1',
    command: 'emulator',
    setup: (w) => {
      mkdirSync(stateDir(w), { recursive: true });
      writeFileSync(file(w), content);
    },
    argv: (w) => [emulator, '--state', stateDir(w), ...extraArgs],
    error: new RegExp(`^emulator ${emulator}: cannot start: .*${emulator}-emulator\\.json: ${message.source}`),
  };
}

export const EMULATOR_STATE_CASES: CommandCase[] = [
  {
    name: 'emulator --state names a file',
    defect: '19.1',
    command: 'emulator',
    argv: (w) => ['openai', '--state', w.file],
    error: /^emulator openai: --state ".*afile": a file, not a folder$/,
  },
  stateFileCase('not JSON', 'openai', 'state:\n  jobs: []\n', /not valid JSON/),
  stateFileCase('JSON, but no emulator state', 'openai', '[1, 2, 3]', /not an emulator state file/),
  stateFileCase("another emulator's state under this one's name", 'openai', envelope('together', { files: [], jobs: [] }), /written by the together emulator; it cannot be the openai emulator's state/),
  stateFileCase('a newer format', 'together', envelope('together', {}, 2), /written in version 2 of the state format, this emulator reads version 1/),
  stateFileCase(
    'a file record whose bytes are not base64',
    'together',
    envelope('together', { files: [{ id: 'f', filename: 'a', purpose: 'fine-tune', fileType: 'jsonl', bytes: 1, lines: 1, createdAtMs: 0, content: '<script>', dataset: null }], jobs: [] }),
    /field state\.files\[0\]\.content: expected base64 text/,
  ),
  stateFileCase(
    "another project's tuning jobs",
    'vertex',
    envelope('vertex', { project: 'someone-else', projectNumber: '123456789012', objects: [], jobs: [] }),
    /its tuning jobs and objects belong to project someone-else .*start the emulator with --project someone-else, or give another --state folder/,
  ),
  {
    name: 'emulator --state: the state file is a symlink to a system file',
    defect: '19.1',
    command: 'emulator',
    setup: (w) => {
      mkdirSync(stateDir(w), { recursive: true });
      symlinkSync('/etc/passwd', path.join(stateDir(w), 'openai-emulator.json'));
    },
    argv: (w) => ['openai', '--state', stateDir(w)],
    error: /^emulator openai: cannot start: .*openai-emulator\.json: not valid JSON/,
  },
];
