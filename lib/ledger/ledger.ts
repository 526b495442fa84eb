/**
 * The job ledger: one JSON file per run in runs/ (or FTBENCH_RUNS_DIR, or
 * --runs-dir), named by the run's key. Every write is validated and atomic,
 * so a reader (or a killed writer's successor) sees a whole record or the
 * previous one, never half.
 *
 * A record is what its name says: a plain file (never a symlink, which could
 * show another file as a run) holding the run its name is the key of (a
 * record copied or renamed by hand would be listed, attached to and paid for
 * under a key that is not its own). Either is refused naming the file; no
 * message about a record quotes its content, which may be anything.
 */
import { closeSync, constants, openSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../foundation/atomic-write.ts';
import { displayPath } from '../foundation/display-path.ts';
import { UserError } from '../foundation/errors.ts';
import { checkOutputFolder } from '../foundation/output-folder.ts';
import { PROJECT_ROOT } from '../foundation/project-root.ts';
import { keyShapedField, redactKeyShapes } from '../foundation/secret-shape.ts';
import { RunRecordSchema, type RunRecord } from './run-record.ts';

export const RUNS_DIR_ENV = 'FTBENCH_RUNS_DIR';

export function defaultRunsDir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env[RUNS_DIR_ENV];
  return fromEnv ? path.resolve(fromEnv) : path.join(PROJECT_ROOT, 'runs');
}

/**
 * Checks the ledger folder before a command does any work: a path that is a
 * file is an error for every command. A command that creates runs (start,
 * register) needs a folder it can write into, and one given by --runs-dir or
 * FTBENCH_RUNS_DIR must exist: a typo there must not show an empty ledger and
 * start a second, paid job for a run that has one. The default runs/ is
 * created when first written; reading a missing ledger finds no runs.
 */
export function checkLedgerFolder(dir: string, options: { createsRuns: boolean }): void {
  const exists = ledgerFolderExists(dir);
  if (!options.createsRuns) return;
  const given = path.resolve(dir) !== path.join(PROJECT_ROOT, 'runs');
  if (given && !exists)
    throw new UserError(`${displayPath(dir)}: the ledger folder does not exist (--runs-dir or ${RUNS_DIR_ENV}); create it (mkdir -p ${displayPath(dir)}) or leave both out for runs/`);
  checkOutputFolder(dir, 'ledger folder');
}

export class Ledger {
  constructor(readonly dir: string = defaultRunsDir()) {}

  fileOf(key: string): string {
    return path.join(this.dir, `${key}.json`);
  }

  /** The training file as uploaded, kept beside the record for people to read. */
  trainingFileOf(key: string): string {
    return path.join(this.dir, `${key}.train.jsonl`);
  }

  read(key: string): RunRecord | null {
    const file = this.fileOf(key);
    const text = readLedgerFile(file);
    return text === null ? null : parseRecord(text, file);
  }

  /**
   * Validates and writes atomically; returns the record as written. The last
   * line of defence against a secret in the ledger: free text from an API (its
   * errors, its status words) is kept with key-shaped tokens redacted; a
   * key-shaped value anywhere else (the run's name, its spec, ids) refuses
   * the write, naming the field, never its value.
   */
  write(record: RunRecord): RunRecord {
    const next = RunRecordSchema.parse(redactFreeText({ ...record, updatedAt: new Date().toISOString() }));
    const field = keyShapedField(next, (p) => p === 'key' || p.endsWith('sha256'));
    if (field) throw new UserError(`run ${next.key}: not written to the ledger: ${field} holds something shaped like an API key (lib/foundation/secret-shape.ts); the ledger never holds a secret`);
    writeFileAtomic(this.fileOf(next.key), `${JSON.stringify(next, null, 2)}\n`);
    return next;
  }

  /** Re-reads the record, applies `change`, writes it: concurrent writers lose no field the change does not touch. */
  update(key: string, change: (record: RunRecord) => RunRecord): RunRecord {
    const current = this.read(key);
    if (!current) throw new UserError(`run ${key} is not in the ledger ${this.dir}`);
    return this.write(change(current));
  }

  list(): RunRecord[] {
    if (!ledgerFolderExists(this.dir)) return [];
    return readdirSync(this.dir)
      .filter((name) => /^[0-9a-f]{16}\.json$/.test(name))
      .flatMap((name) => {
        const file = path.join(this.dir, name);
        const text = readLedgerFile(file);
        return text === null ? [] : [parseRecord(text, file)];
      })
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.name.localeCompare(b.name));
  }

  /** A run by its key, a key prefix (6+ digits) or its name; a UserError when none or several match. */
  find(ref: string): RunRecord {
    const runs = this.list();
    const exact = runs.filter((r) => r.key === ref || r.name === ref);
    const matches = exact.length ? exact : /^[0-9a-f]{6,}$/.test(ref) ? runs.filter((r) => r.key.startsWith(ref)) : [];
    if (matches.length === 1) return matches[0]!;
    if (matches.length === 0)
      throw new UserError(`no run named ${JSON.stringify(ref)} in the ledger ${this.dir}${runs.length ? `; runs: ${runs.map((r) => `${r.name} (${r.key})`).join(', ')}` : ' (it is empty)'}`);
    throw new UserError(`${JSON.stringify(ref)} names ${matches.length} runs; use a key: ${matches.map((r) => `${r.key} (${r.name}, ${r.state})`).join(', ')}`);
  }
}

/** Free text an API wrote (error messages, status words): kept, with anything key-shaped redacted. */
function redactFreeText(record: RunRecord): RunRecord {
  return {
    ...record,
    job: record.job && { ...record.job, rawStatus: redactKeyShapes(record.job.rawStatus), error: record.job.error === null ? null : redactKeyShapes(record.job.error) },
    statusHistory: record.statusHistory.map((h) => ({ ...h, rawStatus: h.rawStatus === null ? null : redactKeyShapes(h.rawStatus) })),
    errors: record.errors.map((e) => ({ ...e, message: redactKeyShapes(e.message) })),
  };
}

/** Whether the ledger folder exists; a UserError when its path is a file or cannot be read. */
function ledgerFolderExists(dir: string): boolean {
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return false;
    throw new UserError(`${displayPath(dir)}: the ledger folder cannot be read (${code === 'ENOTDIR' ? 'a part of its path is a file' : code})`);
  }
  if (!isDir) throw new UserError(`${displayPath(dir)}: the ledger folder is a file, not a folder (--runs-dir or ${RUNS_DIR_ENV})`);
  return true;
}

/** A ledger file's text, null when there is none; a UserError for a symlink, a folder or an unreadable entry in its place. */
function readLedgerFile(file: string): string | null {
  let fd: number | null = null;
  try {
    // O_NOFOLLOW: a symlink (dangling or not) fails to open (ELOOP) instead of reading what it points at.
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
    return readFileSync(fd, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'ELOOP' || code === 'EMLINK')
      throw new UserError(`${displayPath(file)}: a symlink where a ledger record should be; a record is a plain file the ledger wrote: move the link out of the ledger`);
    if (code === 'EISDIR') throw new UserError(`${displayPath(file)}: a folder where a ledger record should be; move it out of the ledger`);
    if (code === 'ENOTDIR') throw new UserError(`${displayPath(path.dirname(file))}: the ledger folder is a file, not a folder (--runs-dir or ${RUNS_DIR_ENV})`);
    throw new UserError(`${displayPath(file)}: cannot read the ledger record (${code ?? String(err)})`);
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** Where JSON.parse stopped, as line and column; never the text around it (a record may hold anything). */
function jsonErrorPlace(text: string, err: unknown): string {
  const at = /at position (\d+)/.exec((err as Error).message);
  if (!at) return /end of JSON/.test((err as Error).message) ? 'it ends too early' : 'at line 1, column 1';
  const before = text.slice(0, Number(at[1])).split('\n');
  return `at line ${before.length}, column ${before.at(-1)!.length + 1}`;
}

function parseRecord(text: string, file: string): RunRecord {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UserError(`${displayPath(file)}: not valid JSON (${jsonErrorPlace(text, err)}); the ledger file is damaged`);
  }
  const parsed = RunRecordSchema.safeParse(data);
  if (!parsed.success) {
    // Paths and what was expected; a field's name or value from the file is not repeated.
    const issues = parsed.error.issues.slice(0, 5).map((i) => `  ${i.path.join('.') || '(top level)'}: ${i.code === 'unrecognized_keys' ? `${i.keys.length} unknown field(s)` : i.message}`);
    throw new UserError(`${displayPath(file)}: not a valid ledger record:\n${issues.join('\n')}`);
  }
  const named = path.basename(file, '.json');
  if (parsed.data.key !== named)
    throw new UserError(`${displayPath(file)}: the record in it is not run ${named} (its key is another run's: a record copied or renamed by hand); move it out of the ledger`);
  return parsed.data;
}
