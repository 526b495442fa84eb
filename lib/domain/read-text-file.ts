/**
 * Reads a file a person wrote as UTF-8 text, refusing what would otherwise
 * change silently or hang: invalid UTF-8 is an error with its byte offset
 * (not U+FFFD replacement characters), a leading byte-order mark is dropped,
 * and anything but a regular file (a FIFO would block forever) is refused.
 */
import { closeSync, fstatSync, openSync, readFileSync, constants } from 'node:fs';
import { UserError } from '../foundation/errors.ts';

const BOM = '\uFEFF';

export function readTextFile(file: string, shown: string, what = 'file'): string {
  let bytes: Buffer;
  let fd: number | null = null;
  try {
    // O_NONBLOCK: opening a FIFO with no writer must not wait for one.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    if (!fstatSync(fd).isFile()) throw new UserError(`${shown}: not a regular file; a ${what} must be a plain file`);
    bytes = readFileSync(fd);
  } catch (err) {
    if (err instanceof UserError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : (code ?? String(err));
    throw new UserError(`${shown}: cannot read the ${what} (${why})`);
  } finally {
    if (fd !== null) closeSync(fd);
  }
  const text = bytes.toString('utf8');
  const back = Buffer.from(text, 'utf8');
  if (!back.equals(bytes)) {
    let i = 0;
    while (i < bytes.length && bytes[i] === back[i]) i++;
    throw new UserError(`${shown}: not valid UTF-8 at byte ${i} (0x${bytes[i]!.toString(16).padStart(2, '0')}); save the file as UTF-8`);
  }
  return text.startsWith(BOM) ? text.slice(1) : text;
}
