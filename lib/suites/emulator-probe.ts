/**
 * Which base URLs the project's loopback emulators answer at, asked once as
 * the suites are built, so that a column an emulator will answer says so in
 * its label and in the eval's description (each answer says it again in its
 * metadata: lib/models/emulation.ts). Only loopback URLs are asked, since the
 * emulators listen nowhere else: building suites never reaches another
 * machine. A URL that does not answer in time, or answers without the
 * emulator's header, is not an emulator.
 */
import { isIP } from 'node:net';
import { answeredByEmulator } from '../foundation/emulator-header.ts';

export type EmulatorProbe = (urls: readonly string[]) => Promise<Set<string>>;

export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return false;
  }
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return isIP(host) === 6 && (host === '::1' || /^::ffff:127\./i.test(host));
}

async function answersAsEmulator(url: string, timeoutMs: number): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    await response.body?.cancel();
    return answeredByEmulator(response.headers);
  } catch {
    return false;
  }
}

/** The URLs among `urls` (loopback ones only are asked, each once) that an emulator answers. */
export const probeEmulators: EmulatorProbe = async (urls) => {
  const asked = [...new Set(urls)].filter(isLoopbackUrl);
  const answers = await Promise.all(asked.map((u) => answersAsEmulator(u, 2000)));
  return new Set(asked.filter((_, i) => answers[i]));
};
