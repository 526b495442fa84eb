/**
 * The README and docs/ say what to type and where to click: every npm command
 * they name must exist with the options written (read from the commands' own
 * declarations, as lib/cli parses them), every relative link and #anchor must
 * resolve, and every docs page says first what it is for and links back to
 * the README. In-process: Markdown read with marked, no command run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../lib/foundation/project-root.ts';
import { allCommandSpecs } from '../scripts/commands/docs-commands.ts';
import { anchorsOf, commandProblems, commandsOf, linkProblems, sourcePathProblems, type Commands } from './helpers/docs-check.ts';

const README = path.join(PROJECT_ROOT, 'README.md');
const DOCS = path.join(PROJECT_ROOT, 'docs');
const PAGES = [README, ...readdirSync(DOCS).filter((f) => f.endsWith('.md')).map((f) => path.join(DOCS, f))];
const read = (file: string) => readFileSync(file, 'utf8');

let commands: Commands;
beforeAll(async () => {
  const scripts = Object.keys((JSON.parse(read(path.join(PROJECT_ROOT, 'package.json'))) as { scripts: Record<string, string> }).scripts);
  commands = commandsOf(scripts, await allCommandSpecs());
});

describe('README.md and docs/*.md', () => {
  it('are the README and a page per task', () => {
    expect(PAGES.map((p) => path.relative(PROJECT_ROOT, p))).toEqual(expect.arrayContaining(['README.md', 'docs/domains.md', 'docs/commands.md', 'docs/emulators.md']));
  });

  it.each(PAGES.map((p) => [path.relative(PROJECT_ROOT, p), p]))('%s: every npm command names a script, and every flag one its command declares', (_name, file) => {
    expect(commandProblems(read(file), commands)).toEqual([]);
  });

  it.each(PAGES.map((p) => [path.relative(PROJECT_ROOT, p), p]))('%s: every relative link and #anchor resolves', (_name, file) => {
    expect(linkProblems(read(file), file)).toEqual([]);
  });

  it.each(PAGES.map((p) => [path.relative(PROJECT_ROOT, p), p]))('%s: every source file it names in code exists', (_name, file) => {
    expect(sourcePathProblems(read(file), PROJECT_ROOT)).toEqual([]);
  });

  it.each(PAGES.filter((p) => p !== README).map((p) => [path.relative(PROJECT_ROOT, p), p]))('%s: a title, then one line saying what it is for that links back to the README', (_name, file) => {
    const [title, purpose] = read(file).split(/\n\n+/);
    expect(title).toMatch(/^# \S/);
    expect(purpose).not.toContain('\n');
    expect(purpose).toContain('](../README.md)');
  });

  it('the README links every docs page', () => {
    const linked = [...read(README).matchAll(/\]\((docs\/[\w.-]+\.md)[)#]/g)].map((m) => m[1]);
    for (const page of PAGES.filter((p) => p !== README)) expect(linked).toContain(path.relative(PROJECT_ROOT, page));
  });
});

describe('the check itself, on fixture texts', () => {
  const fixture = path.join(PROJECT_ROOT, 'docs', 'fixture.md'); // where the text is taken to be: links resolve from docs/

  it('accepts the commands and flags the project declares, in code blocks, code spans, tables and prose', () => {
    const text = [
      '```bash',
      'npm ci && npm start     # installs, then evaluates',
      'npm start -- --only fictional-people --max-error-rate 5% --checkpoints',
      'npm run -s emulator -- openai --step-ms 20 --state /tmp/x > /tmp/openai.env 2> /tmp/openai.log &',
      'npm run finetune -- register --name people-lora --base-url http://localhost:8000/v1 \\',
      '  --model people-lora --domain fictional-people [--api-key-env MY_SERVER_KEY] -y',
      'npm run suites -- --checkpoints      # or: npm start -- --checkpoints',
      '```',
      '',
      '| command | what |',
      '| --- | --- |',
      '| `npm run finetune -- plan\\|start\\|wait … [--platform openai\\|vertex]` | runs |',
      '| `npm run emulator -- <openai\\|vertex\\|together> [--port N] [--step-ms N] [--help]` | emulators |',
      '',
      'Then npm run view, and `npm test`; `npm run deps -- --anything` is no command of the project.',
    ].join('\n');
    expect(commandProblems(text, commands)).toEqual([]);
  });

  it('fails on a made-up flag, naming the mention and the command', () => {
    const problems = commandProblems('Evaluate one domain: `npm start -- --onyl fictional-people`.', commands);
    expect(problems).toEqual(['"npm start -- --onyl fictional-people": npm start declares no option --onyl']);
  });

  it('fails on a missing script, an unknown subcommand, a flag of another emulator, and a flag before "--"', () => {
    const text = [
      '```bash',
      'npm run frobnicate -- --x',
      'npm run finetune -- plna --domain d',
      'npm run emulator -- judge --step-ms 20',
      'npm run emulator -- <openai|vertex|judge> --fail-jobs x',
      'npm run finetune -- wait --intervall 1',
      'npm start --only fictional-people',
      '```',
    ].join('\n');
    expect(commandProblems(text, commands)).toEqual([
      '"npm run frobnicate -- --x": there is no npm script "frobnicate" (package.json)',
      '"npm run finetune -- plna --domain d": npm run finetune has no command "plna" (it has plan, start, status, wait, list, cancel, register)',
      '"npm run emulator -- judge --step-ms 20": npm run emulator -- judge declares no option --step-ms',
      '"npm run emulator -- <openai|vertex|judge> --fail-jobs x": npm run emulator -- judge declares no option --fail-jobs',
      '"npm run finetune -- wait --intervall 1": npm run finetune declares no option --intervall',
      '"npm start --only fictional-people": --only before "--" is taken by npm, not given to the command (write npm start -- --only)',
    ]);
  });

  it('accepts links that resolve: files, folders, images, anchors by GitHub\'s rules (code spans, punctuation, a repeated heading)', () => {
    const text = [
      '# Title',
      '## Same',
      '## Same',
      'See [the README](../README.md), [lib](../lib/), [the shot](images/report.png), [here](#same-1),',
      '[the judge](grading.md#a-judge-for-tests-npm-run-emulator----judge), [vertex](fine-tuning.md#gemini-on-vertex-ai---platform-vertex),',
      '[a ts file line](../lib/cli/command-spec.ts#L10) and [a site](https://example.org/#nowhere).',
    ].join('\n');
    expect(linkProblems(text, fixture)).toEqual([]);
  });

  it('fails on a broken link: a missing file, a missing anchor here, a missing anchor in another page', () => {
    const text = '# Title\n\nSee [setup](setup.md), [above](#titel) and [domains](domains.md#how-many-facts) and [ok](#title).\n';
    expect(linkProblems(text, fixture)).toEqual([
      '[setup](setup.md): setup.md does not exist',
      '[above](#titel): this file has no heading with the anchor #titel',
      '[domains](domains.md#how-many-facts): domains.md has no heading with the anchor #how-many-facts',
    ]);
  });

  it('fails on a source file that is not there, and leaves generated and placeholder paths alone', () => {
    const text = 'Built by `lib/report/sections/recipes.ts` and `lib/report/sections/curves.ts`, hooked by `extensions/report.ts:extensionHook`, into `suites/generated/my-team.yaml`; see `lib/grading/stages/<name>.ts` and `lib/nowhere/`.';
    expect(sourcePathProblems(text, PROJECT_ROOT)).toEqual(['`lib/report/sections/recipes.ts`: lib/report/sections/recipes.ts does not exist', '`lib/nowhere/`: lib/nowhere/ does not exist']);
  });

  it("reads anchors as GitHub makes them", () => {
    expect([...anchorsOf('# A `npm run emulator -- openai` B\n## Keys, errors and interrupted runs\n## Keys, errors and interrupted runs\n## What you see offline: lookup and retrieval\'s hit rate\n')]).toEqual([
      'a-npm-run-emulator----openai-b',
      'keys-errors-and-interrupted-runs',
      'keys-errors-and-interrupted-runs-1',
      'what-you-see-offline-lookup-and-retrievals-hit-rate',
    ]);
  });
});
