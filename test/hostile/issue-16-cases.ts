/**
 * The hostile cases of issue 16 (keys in any encoding, who speaks, records,
 * outputs), in the shapes corpus.test.ts runs: command lines (CommandCase)
 * and cases with checks of their own (CheckCase).
 */
import type { CheckCase } from './check-case.ts';
import type { CommandCase } from './command-cases.ts';
import { KEY_CASES, KEY_CHECKS } from './key-cases.ts';
import { MESSAGE_CHECKS } from './message-cases.ts';
import { OUTPUT_CASES } from './output-cases.ts';
import { RECORD_CASES, RECORD_CHECKS } from './record-cases.ts';

export const ISSUE_16_COMMAND_CASES: CommandCase[] = [...KEY_CASES, ...RECORD_CASES, ...OUTPUT_CASES];
export const ISSUE_16_CHECKS: CheckCase[] = [...KEY_CHECKS, ...MESSAGE_CHECKS, ...RECORD_CHECKS];
