/**
 * How a number measured against the project's loopback emulators is told
 * from one measured on a real model: every emulator answer carries the
 * header EMULATOR_HEADER (lib/foundation/emulator-header.ts); the providers
 * and the judge then mark their result's metadata `emulated: true`, and every
 * report that prints such numbers says so.
 */

/** What numbers that came from an emulator are. */
const EMULATED_NUMBERS = 'these numbers come from the loopback emulators (a deterministic rule, docs/emulators.md), not from a real model';

/** What reports print beside numbers that came from an emulator. */
export const EMULATION_NOTE = `emulation: ${EMULATED_NUMBERS}`;

/** The word every report puts after a label, a title or a number that came from an emulator. */
export const EMULATION_MARK = '(emulation)';

/** `text (emulation)` when `emulated`, else `text`: the one way a label or a title says it (never twice: a generated suite's label may already end with it). */
export function markEmulated(text: string, emulated: boolean | undefined): string {
  return emulated && !text.endsWith(EMULATED_MARK) ? `${text}${EMULATED_MARK}` : text;
}

/** The line under a table some of whose numbers came from an emulator (those marked). */
export const EMULATION_LEGEND = `${EMULATION_MARK}: ${EMULATED_NUMBERS}.`;

/** What a provider label ends with when an emulator answers it: the suites' labels (lib/suites/column-labels.ts) and the report's tables alike. */
export const EMULATED_MARK = ` ${EMULATION_MARK}`;
