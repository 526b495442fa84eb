/**
 * How a number measured against the project's loopback emulators is told
 * from one measured on a real model: every emulator answer carries the
 * header EMULATOR_HEADER; the providers then mark their result's metadata
 * `emulated: true`, and every report that prints such numbers says so.
 */
export const EMULATOR_HEADER = 'x-ftbench-emulator';

/** What reports print beside numbers that came from an emulator. */
export const EMULATION_NOTE = 'emulation: these numbers come from the loopback emulators (a deterministic rule, docs/emulators.md), not from a real model';

/** True when a response's headers (a fetch Headers, or a plain record) say an emulator answered. */
export function answeredByEmulator(headers: Headers | Record<string, string | string[] | undefined> | undefined): boolean {
  if (!headers) return false;
  const value = headers instanceof Headers ? headers.get(EMULATOR_HEADER) : (headers[EMULATOR_HEADER] ?? headers[EMULATOR_HEADER.toUpperCase()]);
  return value !== null && value !== undefined;
}

/** What a provider label ends with when an emulator answers it: the suites' labels (lib/suites/column-labels.ts) and the report's tables alike. */
export const EMULATED_MARK = ' (emulation)';
