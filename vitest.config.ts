import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Test files that start processes (npm start, promptfoo eval, the finetune
 * bin), emulators (loopback servers) or read promptfoo's database: `npm test`
 * runs them with the rest; `npm run test:unit` (test/unit-guard.ts refuses
 * processes and sockets) runs everything else.
 */
const INTEGRATION = [
  'test/agreement.test.ts',
  'test/augment.test.ts',
  'test/browser-report.test.ts',
  'test/browser-viewer-columns.test.ts',
  'test/checkpoints-platforms.test.ts',
  'test/curves-e2e.test.ts',
  'test/domain-text.test.ts',
  'test/emulator-base-model.test.ts',
  'test/emulator-openai.test.ts',
  'test/emulator-state.test.ts',
  'test/emulator-stop.test.ts',
  'test/emulator-together.test.ts',
  'test/emulator-vertex.test.ts',
  'test/finetune-endpoint.test.ts',
  'test/finetune-found-job.test.ts',
  'test/finetune-openai.test.ts',
  'test/finetune-platforms-report.test.ts',
  'test/finetune-together.test.ts',
  'test/finetune-vertex.test.ts',
  'test/gemini-provider.test.ts',
  'test/grading-issue-table.test.ts',
  'test/grading-lazy-promptfoo.test.ts',
  'test/imports.test.ts',
  // The corpus makes FIFOs with mkfifo; the others kill real processes and interrupt real evals.
  'test/hostile/corpus.test.ts',
  'test/hostile/interrupt.test.ts',
  'test/hostile/agreement-incomplete.test.ts',
  'test/hostile/real-process.test.ts',
  'test/in-context-provider.test.ts',
  'test/judge-promptfoo.test.ts',
  'test/llm-judge.test.ts',
  'test/main-offline.test.ts',
  'test/no-measurement.test.ts',
  'test/paper-judge.test.ts',
  'test/replay-provider.test.ts',
  'test/reproduce.test.ts',
  'test/suite-verbatim.test.ts',
  'test/tuned-vs-base-report.test.ts',
  // Runs tsc --noEmit (npm test type-checks beside the tests, not before them).
  'test/typecheck.test.ts',
  'test/viewer-guard.test.ts',
];

/** Integration files that mock node modules for the whole file (vi.mock): each gets fresh modules. The rest undo their vi.stubEnv in afterAll/afterEach. */
const ISOLATED = ['test/hostile/corpus.test.ts'];

/**
 * The longest files start first, so the run ends when the longest chain of
 * processes does (a fresh clone has no vitest cache of durations to order by):
 * each of these spends 10-45 CPU seconds, mostly in promptfoo processes.
 */
const LONGEST_FIRST = [
  'test/browser-report.test.ts',
  'test/typecheck.test.ts',
  'test/main-offline.test.ts',
  'test/judge-promptfoo.test.ts',
  'test/reproduce.test.ts',
  'test/finetune-openai.test.ts',
  'test/browser-viewer-columns.test.ts',
  'test/finetune-platforms-report.test.ts',
  'test/no-measurement.test.ts',
  'test/finetune-endpoint.test.ts',
  'test/tuned-vs-base-report.test.ts',
  'test/curves-e2e.test.ts',
];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const i = LONGEST_FIRST.findIndex((name) => f.moduleId.endsWith(name));
      return i === -1 ? LONGEST_FIRST.length : i;
    };
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

/**
 * One temporary folder per test run: the TMPDIR of every test file and of every process a test
 * starts, so the run's temporary files sit in one place; test/global-setup.ts removes it when
 * the run ends.
 */
// The config is read more than once per run (each project): the first reading makes the folder, the others reuse it.
const TEST_TMP = process.env.FTBENCH_TEST_TMP ?? mkdtempSync(path.join(os.tmpdir(), 'ftbench-tests-'));
process.env.FTBENCH_TEST_TMP = TEST_TMP;

export default defineConfig({
  test: {
    // End-to-end tests start promptfoo processes; on a busy machine one can take minutes.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // Files run side by side: each test uses its own temporary folders and port-0 emulators.
    // One worker more than cores, since end-to-end tests also wait (on servers, job steps, retries).
    maxWorkers: os.availableParallelism() + 1,
    sequence: { sequencer: LongestFirst },
    globalSetup: ['test/global-setup.ts'],
    env: {
      PROMPTFOO_DISABLE_TELEMETRY: '1',
      PROMPTFOO_DISABLE_UPDATE: '1',
      PROMPTFOO_DISABLE_SHARING: '1',
      PROMPTFOO_DISABLE_RUNTIME_WARNINGS: '1',
      // An empty ledger: a developer's own runs/ must not add tuned models (and API calls) to the tests' suites.
      TMPDIR: TEST_TMP,
      FTBENCH_RUNS_DIR: mkdtempSync(path.join(TEST_TMP, 'ftbench-no-runs-')),
      // Reports a test does not direct elsewhere (npm start without --out, a plain promptfoo eval) stay out of reports/.
      FTBENCH_REPORTS_DIR: mkdtempSync(path.join(TEST_TMP, 'ftbench-test-reports-')),
    },
    projects: [
      // Unit files share a worker's module cache (isolate: false: half the CPU); they hold no process-wide state.
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: INTEGRATION, setupFiles: ['test/unit-guard.ts'], isolate: false } },
      // Integration files share a worker's modules too (promptfoo's library, the SDKs and vega load once per worker, not once per file),
      // except those that mock modules.
      { extends: true, test: { name: 'integration', include: INTEGRATION, exclude: ISOLATED, isolate: false } },
      { extends: true, test: { name: 'integration-isolated', include: ISOLATED } },
    ],
  },
});
