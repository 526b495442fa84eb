/**
 * The key promptfoo keeps with an eval (its config's `tags`) naming the
 * generated suite it ran (`<domain>`, `<domain>.checkpoints.<run>`,
 * `<domain>.2`): a domain may have several suites, and readers of the
 * database keep the latest eval of each (lib/eval/promptfoo-db.ts).
 */
export const SUITE_TAG = 'ftbench-suite';
