/**
 * Builds one promptfoo config per domain: one pass-through prompt, one test
 * per question carrying its full prompt text (vars, metadata, and the grading
 * assertion from defaultTest), and the providers that can answer it. Each
 * test names its suite's providers, so a question is asked of them only,
 * also in an eval promptfoo merged from several suites (suite-scope.ts).
 */
import path from 'node:path';
import { stringify } from 'yaml';
import type { LoadedDomain } from '../domain/load.ts';
import { domainQuestions } from '../domain/questions.ts';
import { MAX_ID_LENGTH } from '../domain/schema.ts';
import { UserError } from '../foundation/errors.ts';
import type { ProviderIdentity } from '../ledger/provider-identity.ts';
import { PROJECT_ROOT, projectRelative } from '../foundation/project-root.ts';
import { assertInertSuite } from './inert-suite.ts';
import { EMULATED_DESCRIPTION, EMULATED_MARK } from './column-labels.ts';
import { SUITE_TAG } from './suite-tag.ts';
import { SUITE_FIELD, suiteProviderRef } from './suite-scope.ts';
import { questionToTest } from './test-case.ts';
import { isInert, PASS_THROUGH_PROMPT } from './verbatim.ts';

/** A provider entry as promptfoo reads it from a config file; the label and description are for people, the identity for the report. */
export interface SuiteProvider {
  id: string;
  label: string;
  config?: Record<string, unknown> & { identity?: ProviderIdentity; description?: string };
}


export const GENERATED_DIR = path.join(PROJECT_ROOT, 'suites', 'generated');

/** Path of a project file as written inside a generated suite (relative to the suite's folder). */
export function suiteRelative(projectFile: string, suiteDir = GENERATED_DIR): string {
  return path.relative(suiteDir, path.join(PROJECT_ROOT, projectFile)).split(path.sep).join('/');
}

/**
 * The file of a domain's suite. A domain id names a file, so one that is not
 * a short plain id (the schema's rule) is refused here too, before anything
 * is written, whoever built the domain (an importer, a test, a plugin).
 */
export function suiteFileOf(outDir: string, id: string, suffix = ''): string {
  if (id.length > MAX_ID_LENGTH || !/^[a-z0-9][a-z0-9-]*$/.test(id))
    throw new UserError(`domain id ${JSON.stringify(id.length > 40 ? `${id.slice(0, 40)}…` : id)} (${id.length} characters) cannot name a suite file: at most ${MAX_ID_LENGTH} lowercase letters, digits and dashes`);
  // A domain id holds no dot, so `<id>.checkpoints.<key>.yaml` is never another domain's suite.
  return path.join(outDir, `${id}${suffix}.yaml`);
}

/** "Fictional people (new)", without repeating a kind the title already names. */
function suiteTitle(domain: LoadedDomain['domain']): string {
  return domain.title.toLowerCase().includes(`(${domain.kind})`) ? domain.title : `${domain.title} (${domain.kind})`;
}

/** Where a suite sits among its domain's suites: its name (the file's, without .yaml) and what it holds when it is not the domain's whole suite. */
export interface SuiteOf {
  name: string;
  about?: string;
}

/**
 * The eval's description, which promptfoo's viewer shows above the table:
 * the domain, its questions and file, what part of the domain's columns the
 * suite holds, what an emulator answers, and each column's label with its
 * whole description (the provider's config.description).
 */
function suiteDescription(loaded: LoadedDomain, questions: number, providers: readonly SuiteProvider[], of?: SuiteOf): string {
  const title = suiteTitle(loaded.domain);
  // The title is domain text: it joins the description only when promptfoo leaves it as it is.
  const head = `${isInert(title) ? title : loaded.domain.id} — ${questions} questions from ${projectRelative(loaded.file)}${of?.about ? `; ${of.about}` : ''}`;
  const described = providers.filter((p) => p.config?.description);
  if (described.length === 0) return head;
  // What an emulator answers is said once for all its columns (each provider's own description says it too).
  const suffix = `; ${EMULATED_DESCRIPTION}`;
  const emulated = described.some((p) => p.config!.description!.endsWith(suffix));
  const columns = described.map((p) => `[${p.label}] ${p.config!.description!.endsWith(suffix) ? p.config!.description!.slice(0, -suffix.length) : p.config!.description}`);
  return `${head}.${emulated ? ` EMULATED: columns marked${EMULATED_MARK} are ${EMULATED_DESCRIPTION}.` : ''} Columns: ${columns.join(' · ')}`;
}

export function buildSuite(loaded: LoadedDomain, providers: SuiteProvider[], suiteDir = GENERATED_DIR, of?: SuiteOf) {
  const { domain } = loaded;
  const questions = domainQuestions(domain);
  const suite = {
    description: suiteDescription(loaded, questions.length, providers, of),
    ...(of && { tags: { [SUITE_TAG]: of.name } }),
    // One prompt: each test carries its full prompt text (lib/suites/verbatim.ts), so the viewer shows one column per provider.
    // Written as a map (raw → label): promptfoo merges the maps of several suites into one prompt, but keeps every copy of a list's.
    prompts: { [PASS_THROUGH_PROMPT]: 'question' },
    providers: providers.map((p) => ({ ...p, config: { ...p.config, [SUITE_FIELD]: of?.name ?? domain.id } })),
    // Progress for npm start; after a plain `promptfoo eval`, the split table and the HTML report (lib/eval/eval-hook.ts).
    extensions: [`file://${suiteRelative('extensions/report.ts', suiteDir)}:extensionHook`],
    defaultTest: {
      assert: [{ type: 'javascript', value: `file://${suiteRelative('assertions/answer-match.ts', suiteDir)}` }],
    },
    tests: questions.map((q) => {
      const { vars, metadata } = questionToTest(q);
      return { description: q.id, vars, metadata, providers: [suiteProviderRef(of?.name ?? domain.id)] };
    }),
  };
  assertInertSuite(suite, loaded.file);
  return suite;
}

/**
 * The suite as YAML: the head in block style, then one test per line as a
 * flow mapping (JSON is YAML). A line per test keeps a 50,000-test suite fast
 * to write and easy to grep; block style would take seconds and many MiB.
 */
export function renderSuiteYaml(
  loaded: LoadedDomain,
  suite: Omit<ReturnType<typeof buildSuite>, 'defaultTest'> & { defaultTest: object },
  suiteFile: string,
  generatedBy = '`npm run suites`',
): string {
  const { tests, ...head } = suite;
  const header =
    `# Generated by ${generatedBy} from ${projectRelative(loaded.file)}; edits are overwritten.\n` +
    `# Run it: npx promptfoo eval -c ${projectRelative(suiteFile)}\n`;
  const lines = tests.map((t) => `  - ${JSON.stringify(t)}`);
  return `${header}${stringify(head, { lineWidth: 0, aliasDuplicateObjects: false })}tests:\n${lines.join('\n')}\n`;
}
