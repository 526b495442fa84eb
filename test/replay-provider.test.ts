/**
 * providers/replay.ts: through promptfoo (a generated suite replayed from an
 * earlier eval's results file), as promptfoo loads it (the study's recorded
 * responses), and the detection of columns that hold grades.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { loadApiProvider } from 'promptfoo';
import { parse, stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../lib/foundation/project-root.ts';
import { isGradeColumn } from '../lib/replay/grade-columns.ts';
import { main as buildSuites } from '../scripts/commands/build-suites.ts';
import { runMain } from './helpers/command.ts';
import { runPromptfoo, tempDir } from './helpers/run.ts';
import { teamDomainYaml } from './helpers/team-domain.ts';
import { withProviders } from '../lib/suites/suite-scope.ts';
import { HAS_UPSTREAM, UPSTREAM_DIR, UPSTREAM_SKIP_NOTE, upstreamCsv } from './helpers/upstream.ts';

const DOMAIN = teamDomainYaml('replay-team', 'Replay team');

interface Result {
  provider: { label?: string; id?: string };
  vars: { question: string };
  response?: { output?: string; error?: string };
  error?: string;
  failureReason: number;
  gradingResult?: { componentResults?: { metadata?: Record<string, unknown> }[] };
}

function evalSuite(suite: string, env: NodeJS.ProcessEnv = {}): Result[] {
  const out = path.join(tempDir(), 'results.json');
  const r = runPromptfoo(['eval', '-c', suite, '-o', out, '--no-progress-bar', '--no-table'], { PROMPTFOO_CONFIG_DIR: tempDir('ftbench-pfdb-'), ...env });
  expect([0, 100], r.stderr).toContain(r.code);
  return JSON.parse(readFileSync(out, 'utf8')).results.results as Result[];
}

describe('replay of a promptfoo results file, through promptfoo', () => {
  const work = tempDir();
  let recordedFile: string;
  let recorded: Result[];
  let replayed: Result[];
  const unrecorded = 'Who paints the team logo?';

  beforeAll(async () => {
    // 1. An eval with the lookup baseline gives a results file to replay.
    writeFileSync(path.join(work, 'replay-team.yaml'), DOMAIN);
    const suites = path.join(work, 'suites');
    const built = await runMain(buildSuites, ['--domains', work, '--out', suites]);
    expect(built.code, built.stderr).toBe(0);
    const suiteFile = path.join(suites, 'replay-team.yaml');
    recordedFile = path.join(work, 'recorded.json');
    const r = runPromptfoo(['eval', '-c', suiteFile, '-o', recordedFile, '--no-progress-bar', '--no-table'], { PROMPTFOO_CONFIG_DIR: tempDir('ftbench-pfdb-') });
    expect([0, 100], r.stderr).toContain(r.code);
    recorded = JSON.parse(readFileSync(recordedFile, 'utf8')).results.results as Result[];

    // 2. The same suite, answered by replay from that file, plus a question nobody answered.
    const suite = parse(readFileSync(suiteFile, 'utf8')) as { providers: unknown[]; tests: { vars: Record<string, string>; metadata: Record<string, unknown> }[] };
    Object.assign(suite, withProviders(suite, [{ id: `file://${path.join(PROJECT_ROOT, 'providers/replay.ts')}`, label: 'replayed', config: { results: recordedFile, provider: 'lookup' } }]));
    // Replay looks a question up by the bare question in the test's metadata.
    const first = suite.tests[0]!;
    suite.tests.push({ ...first, vars: { ...first.vars, question: unrecorded }, metadata: { ...first.metadata, question: unrecorded } });
    const replaySuite = path.join(suites, 'replay-team-replayed.yaml');
    writeFileSync(replaySuite, stringify(suite));
    replayed = evalSuite(replaySuite, { FTBENCH_GRADING_MODE: 'paper' });
  });

  it('answers every recorded question with the recorded output', () => {
    expect(recorded.length).toBe(3);
    for (const r of recorded) {
      const again = replayed.find((x) => x.vars.question === r.vars.question);
      expect(again?.response?.output, r.vars.question).toBe(r.response!.output);
      expect(again?.provider.label).toBe('replayed');
    }
  });

  it('turns a question with no recording into a promptfoo error, not an answer', () => {
    const missing = replayed.find((x) => x.vars.question === unrecorded)!;
    expect(missing.failureReason).toBe(2); // promptfoo's ResultFailureReason.ERROR
    expect(missing.response?.output).toBeUndefined();
    expect(missing.error ?? missing.response?.error).toBe(`replay replayed: no recorded response for "${unrecorded}" in ${recordedFile} (provider lookup)`);
  });

  it('grades in paper mode when FTBENCH_GRADING_MODE=paper', () => {
    const graded = replayed.filter((x) => x.failureReason !== 2);
    expect(graded.length).toBe(3);
    for (const r of graded) expect(r.gradingResult?.componentResults?.[0]?.metadata).toMatchObject({ grader: 'paper', decided_by: 'paper-exact' });
  });

  it('refuses an ambiguous or unknown provider in the results file', async () => {
    await expect(
      loadApiProvider('file://providers/replay.ts', { basePath: PROJECT_ROOT, options: { config: { results: recordedFile, provider: 'gpt-9' } } }),
    ).rejects.toThrow(/no results of provider "gpt-9"; it holds lookup/);
    await expect(loadApiProvider('file://providers/replay.ts', { basePath: PROJECT_ROOT, options: { config: {} } })).rejects.toThrow(/no recordings configured/);
  });
});

describe('isGradeColumn tells grades from responses by content', () => {
  it.each([
    [['Correct', 'Incorrect', 'incorrect', 'Correct.'], [], true],
    [['Correct', '126', 'Incorrect'], [], false],
    [['', '', ''], [], false],
    [['Correct', 'Incorrect'], ['Correct', 'Incorrect'], false], // the expected answers are those words: real responses
  ] as const)('%j (answers %j) → %s', (values, answers, expected) => {
    expect(isGradeColumn(values, answers)).toBe(expected);
  });
});

describe.skipIf(!HAS_UPSTREAM)(`replay of the study's recorded responses${UPSTREAM_SKIP_NOTE}`, () => {
  const provider = (model: string, dir = UPSTREAM_DIR) =>
    loadApiProvider('file://providers/replay.ts', { basePath: PROJECT_ROOT, options: { label: model, config: { finetunebench: dir, model } } });
  const ask = async (p: Awaited<ReturnType<typeof provider>>, question: string) => p.callApi(`prompt around ${question}`, { vars: { question } } as never);

  it('answers each question with its model column, whitespace in the question aside', async () => {
    const rows = upstreamCsv('model_responses/latest_news/latest_news_rephrased_w_responses.csv');
    const mini = await provider('gpt-4o-mini-2024-07-18');
    expect(mini.id()).toBe('replay:gpt-4o-mini-2024-07-18');
    for (const r of rows.slice(0, 10)) {
      const res = await ask(mini, `  ${r.rephrased_question!.replace(/ /g, '  ')}\n`);
      expect(res.output).toBe(r['gpt-4o-mini-2024-07-18_response']);
    }
  });

  it('excludes the Gemini columns that hold grades, and says so in the error', async () => {
    const rows = upstreamCsv('model_responses/fictional_people/fictional_people_rephrased_w_responses.csv');
    for (const model of ['gemini-1.5-flash-002', 'gemini-1.5-pro-002']) {
      const gemini = await provider(model);
      const res = await ask(gemini, rows[0]!.rephrased_question!);
      expect(res.output).toBeUndefined();
      expect(res.error).toMatch(new RegExp(`the column ${model}_response of model_responses/fictional_people/fictional_people_rephrased_w_responses\\.csv holds grades \\("Correct"/"Incorrect"\\), not responses`));
      // Its other recordings still replay.
      const original = upstreamCsv('model_responses/fictional_people/fictional_people_original_w_responses.csv')[0]!;
      expect((await ask(gemini, original.question!)).output).toBe(original[`${model}_response`]);
    }
  });

  it('detects a grade column by its content, in any file under any name', async () => {
    const dir = path.join(tempDir('ftbench-upstream-copy-'), 'finetunebench');
    cpSync(path.join(UPSTREAM_DIR, 'model_responses', 'fictional_people'), path.join(dir, 'model_responses', 'people'), { recursive: true });
    // gpt-3.5's column of another file, overwritten with grades, in a renamed file.
    const source = path.join(dir, 'model_responses', 'people', 'fictional_people_secondary_w_responses.csv');
    const rows = parseCsv(readFileSync(source), { columns: true }) as Record<string, string>[];
    const columns = Object.keys(rows[0]!);
    const graded: Record<string, string>[] = rows.map((r, i) => ({ ...r, 'gpt-3.5-turbo-0125_response': i % 2 ? 'Correct' : 'Incorrect' }));
    const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
    writeFileSync(
      path.join(dir, 'model_responses', 'people', 'renamed_w_responses.csv'),
      [columns.map(quote).join(','), ...graded.map((r) => columns.map((c) => quote(r[c]!)).join(','))].join('\n'),
    );
    cpSync(source, `${source}.orig`); // not *_w_responses.csv: not read
    writeFileSync(source, readFileSync(source, 'utf8').split('\n')[0]!); // header only: no rows
    const gpt35 = await provider('gpt-3.5-turbo-0125', dir);
    const res = await ask(gpt35, rows[0]!.question!);
    expect(res.error).toMatch(/the column gpt-3\.5-turbo-0125_response of model_responses\/people\/renamed_w_responses\.csv holds grades/);
    const mini = await provider('gpt-4o-mini-2024-07-18', dir);
    expect((await ask(mini, rows[0]!.question!)).output).toBe(rows[0]!['gpt-4o-mini-2024-07-18_response']);
  });
});
