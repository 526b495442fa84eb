/**
 * The suites `npm run reproduce` evaluates: for each imported domain, the
 * questions at least one recorded model answered, asked of one replay
 * provider per recorded model. Each test is graded twice by answer-match:
 * by the cascade (which decides pass/fail) and, with weight 0 so it decides
 * nothing, by the paper mode, so one eval carries both graders' verdicts.
 */
import path from 'node:path';
import { writeFilesAtomic } from '../foundation/atomic-write.ts';
import type { LoadedDomain } from '../domain/load.ts';
import { PROJECT_ROOT } from '../foundation/project-root.ts';
import type { FinetunebenchRecordings } from '../replay/finetunebench-responses.ts';
import { textOf } from '../suites/verbatim.ts';
import { buildSuite, renderSuiteYaml, suiteFileOf, suiteRelative, type SuiteProvider } from '../suites/build-suite.ts';

export const REPRODUCE_DIR = path.join(PROJECT_ROOT, 'suites', 'generated', 'reproduce');

export interface ReproduceSuite {
  domain: string;
  file: string;
  tests: number;
  providers: string[];
}

export function buildReproduceSuite(loaded: LoadedDomain, recordings: FinetunebenchRecordings, suiteDir: string) {
  const models = [...recordings.models];
  const providers: SuiteProvider[] = models.map(([model]) => ({
    id: `file://${suiteRelative('providers/replay.ts', suiteDir)}`,
    label: model,
    // The study's recorded answers of each model; the report finds them by this identity, not by label.
    config: { finetunebench: recordings.dir, model, identity: { role: 'replay', baseModel: model, source: 'finetunebench' } },
  }));
  const suite = buildSuite(loaded, providers, suiteDir);
  const answerMatch = `file://${suiteRelative('assertions/answer-match.ts', suiteDir)}`;
  const tests = suite.tests.filter((t) => models.some(([, rec]) => rec.has(textOf(t.metadata.question) ?? '')));
  return {
    ...suite,
    description: `${suite.description}; replaying the study's recorded responses for the ${tests.length} questions that have them`,
    defaultTest: {
      assert: [
        { type: 'javascript', value: answerMatch, config: { mode: 'cascade' } },
        // The paper judge (when a judge is set) reads the study's prompt from the same checkout.
        { type: 'javascript', value: answerMatch, config: { mode: 'paper', finetunebenchDir: recordings.dir }, weight: 0 },
      ],
    },
    tests,
  };
}

/** Writes one suite per domain that has recorded questions; returns what was written and the domains skipped. */
export function writeReproduceSuites(
  domains: readonly LoadedDomain[],
  recordings: FinetunebenchRecordings,
  suiteDir = REPRODUCE_DIR,
): { suites: ReproduceSuite[]; skipped: string[] } {
  const suites: ReproduceSuite[] = [];
  const skipped: string[] = [];
  const contents: { file: string; content: string }[] = [];
  for (const loaded of domains) {
    const suite = buildReproduceSuite(loaded, recordings, suiteDir);
    if (suite.tests.length === 0) {
      skipped.push(loaded.domain.id);
      continue;
    }
    const file = suiteFileOf(suiteDir, loaded.domain.id);
    contents.push({ file, content: renderSuiteYaml(loaded, suite, file, '`npm run reproduce`') });
    suites.push({ domain: loaded.domain.id, file, tests: suite.tests.length, providers: suite.providers.map((p) => p.label) });
  }
  writeFilesAtomic(contents); // all suites or none
  return { suites, skipped };
}
