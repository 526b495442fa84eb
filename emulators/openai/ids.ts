// Object IDs shaped like OpenAI's (prefix + random base62), so code that
// pattern-matches IDs (e.g. /^ftjob-/) behaves as it would against the real API.
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function randomBase62(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return out;
}

export const newId = {
  file: () => `file-${randomBase62(22)}`,
  job: () => `ftjob-${randomBase62(24)}`,
  event: () => `ftevent-${randomBase62(24)}`,
  checkpoint: () => `ftckpt_${randomBase62(24)}`,
  chatCompletion: () => `chatcmpl-${randomBase62(29)}`,
  request: () => `req_${randomBytes(16).toString('hex')}`,
};
