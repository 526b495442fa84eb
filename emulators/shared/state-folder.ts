// An emulator's memory across restarts (`--state DIR`): its files, jobs, tuned
// models and checkpoints (each job keeps the pairs its tuned model answers
// from), in DIR/<emulator>-emulator.json, so one folder serves several
// emulators. The file is rewritten atomically after every request that
// changed something, before the answer goes out: what a client was told
// exists survives a kill. A lock file (DIR/<emulator>-emulator.lock, the
// owner's pid) keeps two emulators of one kind from writing one state. A file
// that is not JSON, not an emulator state file, another emulator's or of
// another version, or whose records are malformed, is refused at start with
// one message naming the file, the field and what is wrong.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../lib/foundation/atomic-write.ts';
import { UserError } from '../../lib/foundation/errors.ts';
import type { EmulatorStateBase } from './emulator-state.ts';

const FORMAT = 'ftbench-emulator-state';

/** How one emulator's state is written and read back. */
export interface StateCodec<S, B> {
  /** `openai`, `vertex`, `together`: names the file and is checked on reading. */
  emulator: string;
  /** Bumped when the shape changes; a file of another version is refused, not misread. */
  version: number;
  /** The shape of `state` in the file, checked before anything is restored. */
  schema: z.ZodType<B>;
  /** The state as JSON-ready data (what `schema` accepts back). */
  dump(state: S): unknown;
  /** Fills the fresh state from a checked body; throws a UserError for a body this emulator cannot serve (e.g. another project). */
  restore(body: B, state: S): void;
}

/** Pairs a tuned model answers from, as kept in a state file. */
export const TrainingPairSchema = z.object({ prompt: z.string(), answer: z.string() }).strict();

/** Bytes (uploaded files) travel as base64 text. */
export const Base64Schema = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64 text');

const EnvelopeSchema = z.object({ format: z.string(), emulator: z.string(), version: z.number(), savedAt: z.string(), state: z.unknown() });

/** `jobs[2].createdAtMs` from zod's path. */
function fieldOf(issuePath: readonly PropertyKey[]): string {
  return issuePath.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('') || '(the whole file)';
}

export interface StateFolder {
  /** The state file, for messages. */
  file: string;
  /** Writes the state if it changed since the last write; a failure is logged, and serving goes on. */
  saveIfChanged(): void;
  /** Saves what is left and releases the lock. Idempotent. */
  close(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes DIR/<emulator>-emulator.lock for this process, or explains who holds it. */
function lock(dir: string, emulator: string): () => void {
  const file = path.join(dir, `${emulator}-emulator.lock`);
  const token = `${process.pid}\n`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, token, { flag: 'wx' });
      return () => {
        try {
          if (readFileSync(file, 'utf8') === token) rmSync(file, { force: true });
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new UserError(`--state ${dir}: cannot create ${file}: ${(error as Error).message}`);
    }
    const owner = Number.parseInt(readFileSync(file, 'utf8'), 10);
    if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) {
      throw new UserError(
        `--state ${dir}: another ${emulator} emulator (pid ${owner}${owner === process.pid ? ', this process' : ''}) is using this folder (${file}); stop it first (kill ${owner}), or give this one another --state folder`,
      );
    }
    rmSync(file, { force: true }); // left by a process that was killed outright
  }
  throw new UserError(`--state ${dir}: cannot take the lock ${file}`);
}

/** Reads and checks the state file; undefined when there is none yet. */
function readState<S, B>(file: string, codec: StateCodec<S, B>): B | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UserError(`cannot read the emulator state ${file}: ${(error as Error).message}`);
  }
  const bad = (what: string) =>
    new UserError(`${file}: ${what}; it cannot be the ${codec.emulator} emulator's state. Move it away (the emulator then starts empty) or give another --state folder`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw bad(`not valid JSON (${(error as Error).message})`);
  }
  const envelope = EnvelopeSchema.safeParse(json);
  if (!envelope.success || envelope.data.format !== FORMAT) throw bad(`not an emulator state file (no "format": "${FORMAT}")`);
  const { emulator, version } = envelope.data;
  if (emulator !== codec.emulator) throw bad(`written by the ${emulator} emulator`);
  if (version !== codec.version) throw bad(`written in version ${version} of the state format, this emulator reads version ${codec.version}`);
  const body = codec.schema.safeParse(envelope.data.state);
  if (!body.success) {
    const issue = body.error.issues[0]!;
    throw bad(`field state.${fieldOf(issue.path)}: ${issue.message}`);
  }
  return body.data;
}

/**
 * Opens DIR for an emulator whose fresh `state` it fills from the file there
 * (if any). Creates DIR when missing. Throws a UserError for a corrupt or
 * foreign file, or a folder another emulator of this kind is using.
 */
export function openStateFolder<S extends EmulatorStateBase, B>(dir: string, codec: StateCodec<S, B>, state: S, log?: (line: string) => void): StateFolder {
  const folder = path.resolve(dir);
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw new UserError(`--state ${dir}: cannot create the folder: ${(error as Error).message}`);
  }
  const file = path.join(folder, `${codec.emulator}-emulator.json`);
  const unlock = lock(folder, codec.emulator);
  let saved: number;
  try {
    const body = readState(file, codec);
    try {
      if (body !== undefined) codec.restore(body, state);
    } catch (error) {
      throw error instanceof UserError ? new UserError(`${file}: ${error.message}`, { cause: error }) : error;
    }
    saved = state.revision;
  } catch (error) {
    unlock();
    throw error;
  }
  let closed = false;
  const save = () => {
    if (state.revision === saved) return;
    const revision = state.revision;
    try {
      writeFileAtomic(file, `${JSON.stringify({ format: FORMAT, emulator: codec.emulator, version: codec.version, savedAt: new Date().toISOString(), state: codec.dump(state) })}\n`);
      saved = revision;
    } catch (error) {
      log?.(`emulator ${codec.emulator}: the state was not saved to ${file}: ${(error as Error).message}`);
    }
  };
  return {
    file,
    saveIfChanged: save,
    close() {
      if (closed) return;
      closed = true;
      save();
      unlock();
    },
  };
}
