/**
 * The header every answer of the project's loopback emulators carries, and
 * its test: how any layer (a provider, the judge, a probe) tells an answer
 * an emulator gave from a real model's. What reports say of such numbers is
 * in lib/models/emulation.ts.
 */
export const EMULATOR_HEADER = 'x-ftbench-emulator';

/** True when a response's headers (a fetch Headers, or a plain record) say an emulator answered. */
export function answeredByEmulator(headers: Headers | Record<string, string | string[] | undefined> | undefined): boolean {
  if (!headers) return false;
  const value = headers instanceof Headers ? headers.get(EMULATOR_HEADER) : (headers[EMULATOR_HEADER] ?? headers[EMULATOR_HEADER.toUpperCase()]);
  return value !== null && value !== undefined;
}
