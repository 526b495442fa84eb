import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end tests start promptfoo and emulators as child processes.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    env: {
      PROMPTFOO_DISABLE_TELEMETRY: '1',
      PROMPTFOO_DISABLE_UPDATE: '1',
      PROMPTFOO_DISABLE_SHARING: '1',
      PROMPTFOO_DISABLE_RUNTIME_WARNINGS: '1',
      // An empty ledger: a developer's own runs/ must not add tuned models (and API calls) to the tests' suites.
      FTBENCH_RUNS_DIR: mkdtempSync(path.join(os.tmpdir(), 'ftbench-no-runs-')),
      // Reports a test does not direct elsewhere (npm start without --out, a plain promptfoo eval) stay out of reports/.
      FTBENCH_REPORTS_DIR: mkdtempSync(path.join(os.tmpdir(), 'ftbench-test-reports-')),
    },
  },
});
