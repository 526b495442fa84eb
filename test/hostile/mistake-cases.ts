/**
 * The hostile-input corpus, a careless user's mistakes (issue 16, defect 7):
 * each must be one clear line before any work starts, exit 1, nothing
 * written. Rows as in command-cases.ts (run by corpus.test.ts); `npmArgv` is
 * the command line of the npm process that started the command.
 *
 * - an unknown provider id: the judge (FTBENCH_JUDGE, config.judge), --with,
 *   a suite's inner provider path: "unknown provider …" with the nearest
 *   known form (today: the judge loads as a chat model named "chta", every
 *   call errors "API key is not set" and the errored tests drop out of n);
 * - an empty --only (today: every domain runs);
 * - a flag npm took for itself, `npm start --only x` without `--` (today:
 *   every domain runs, npm only warns about its own config);
 * - an unknown option: the nearest valid one (today: Node's advice about
 *   positional arguments starting with '-');
 * - with --only, only the selected domains must be valid (today: one broken
 *   file blocks every domain).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../lib/foundation/project-root.ts';
import type { CommandCase, Workspace } from './command-cases.ts';

const DEFECT = '16.7';
const NPM = ['/usr/bin/node', '/usr/lib/node_modules/npm/bin/npm-cli.js'];
/** npm start's folders, so that nothing reaches the project's own. */
const START = (w: Workspace) => ['--domains', w.domains, '--suites', w.suites, '--out', w.out];
const AUGMENT = (w: Workspace, provider: string) => ['--domain', 'one', '--domains', w.domains, '--paraphrases', '2', '--with', provider];
const PLAN = (w: Workspace) => ['plan', '--domain', 'one', '--model', 'gpt-4o-mini', '--epochs', '1', '--domains', w.domains];
const judge = (id: string) => () => ({ FTBENCH_JUDGE: id });
const TOOK = (flags: string, form: string) => new RegExp(`^npm took ${flags} for itself \\(npm reads the flags before -- as its own, and the command never saw them\\); run: ${form}$`);

/** Two broken domain files beside the valid one and two: three.yaml (bad field, id three) and four.yaml (not YAML). */
function brokenDomains(w: Workspace): void {
  writeFileSync(path.join(w.domains, 'three.yaml'), 'id: three\ntitle: T\nkind: new\nprompt: "Q: {{question}}"\nfacts:\n  - id: f0\n    statement: S.\n    question: Q?\n    answr: "1"\n');
  writeFileSync(path.join(w.domains, 'four.yaml'), 'id: four\ntitle: [unclosed\n');
}

export const MISTAKE_CASES: CommandCase[] = [
  // An unknown provider id, said before any suite is built or any model called.
  { name: 'FTBENCH_JUDGE=openai:chta:gpt-4.1-mini on npm start', defect: DEFECT, command: 'start', argv: START, env: judge('openai:chta:gpt-4.1-mini'), error: /^unknown provider "openai:chta:gpt-4\.1-mini" \(FTBENCH_JUDGE\): "chta" is not a type of promptfoo's openai: provider \(chat, .*\); did you mean openai:chat:gpt-4\.1-mini\?$/ },
  { name: 'FTBENCH_JUDGE=opnai:chat:… (a misspelt family)', defect: DEFECT, command: 'start', argv: START, env: judge('opnai:chat:gpt-4.1-mini'), error: /^unknown provider "opnai:chat:gpt-4\.1-mini" \(FTBENCH_JUDGE\): promptfoo has no provider "opnai:"; did you mean openai:chat:gpt-4\.1-mini\?$/ },
  { name: 'FTBENCH_JUDGE=anthropic:mesages:…', defect: DEFECT, command: 'start', argv: START, env: judge('anthropic:mesages:claude-sonnet-4-5'), error: /^unknown provider .* did you mean anthropic:messages:claude-sonnet-4-5\?$/ },
  { name: 'FTBENCH_JUDGE=a bare model name', defect: DEFECT, command: 'start', argv: START, env: judge('gpt-4.1-mini'), error: /^unknown provider "gpt-4\.1-mini" \(FTBENCH_JUDGE\): promptfoo has no provider "gpt-4\.1-mini"$/ },
  { name: 'FTBENCH_JUDGE=file:// to a missing judge', defect: DEFECT, command: 'start', argv: START, env: (w) => ({ FTBENCH_JUDGE: `file://${w.root}/my-judge.ts` }), error: /^unknown provider "file:\/\/.*\/my-judge\.ts" \(FTBENCH_JUDGE\): no such file .*\/my-judge\.ts$/ },
  { name: 'augment --with openai:chta:…', defect: DEFECT, command: 'augment', argv: (w) => AUGMENT(w, 'openai:chta:gpt-4o-mini'), error: /^unknown provider "openai:chta:gpt-4o-mini" \(--with\): .*; did you mean openai:chat:gpt-4o-mini\?$/ },
  { name: 'augment --with a misspelt provider file', defect: DEFECT, command: 'augment', argv: (w) => AUGMENT(w, `file://${PROJECT_ROOT}/providers/opneai.ts`), error: /^unknown provider "file:\/\/.*\/providers\/opneai\.ts" \(--with\): no such file .*; did you mean file:\/\/.*\/providers\/openai\.ts\?$/ },
  { name: 'augment --with opnai:gpt-4o-mini', defect: DEFECT, command: 'augment', argv: (w) => AUGMENT(w, 'opnai:gpt-4o-mini'), error: /^unknown provider "opnai:gpt-4o-mini" \(--with\): promptfoo has no provider "opnai:"; did you mean openai:gpt-4o-mini\?$/ },
  {
    name: "a suite's in-context provider naming a misspelt provider file",
    defect: DEFECT,
    run: async (w) => {
      const { default: InContext } = await import('../../providers/in-context.ts');
      return new InContext({ config: { domainFile: path.join(w.domains, 'one.yaml'), provider: { id: 'file://providers/opneai.ts' } } });
    },
    error: /^unknown provider "file:\/\/providers\/opneai\.ts" \(providers\/in-context\.ts config\.provider\): no such file .*\/providers\/opneai\.ts; did you mean file:\/\/providers\/openai\.ts\?$/,
  },
  {
    name: "a suite's config.judge: openai:chta:…",
    defect: DEFECT,
    run: async () => (await import('../../lib/grading/judge/judge-config.ts')).judgeSpecFrom({ judge: 'openai:chta:gpt-4.1-mini' }, {}),
    error: /^unknown provider "openai:chta:gpt-4\.1-mini" \(config\.judge\): .*did you mean openai:chat:gpt-4\.1-mini\?$/,
  },

  // An empty --only is an error, not "every domain".
  { name: "npm start --only ''", defect: DEFECT, command: 'start', argv: (w) => [...START(w), '--only', ''], error: /^--only needs a value: ID\[,ID…\] \(""  ?names none\)$/ },
  { name: 'npm start --only=,', defect: DEFECT, command: 'start', argv: (w) => [...START(w), '--only=,'], error: /^--only needs a value: ID\[,ID…\] \(","  ?names none\)$/ },
  { name: "npm start --only ' '", defect: DEFECT, command: 'start', argv: (w) => [...START(w), '--only', ' '], error: /^--only needs a value/ },
  { name: 'npm start --only at the end, without its value', defect: DEFECT, command: 'start', argv: (w) => [...START(w), '--only'], error: /^--only needs a value \(--only ID\)$/ },
  { name: "finetune plan --domain ''", defect: DEFECT, command: 'finetune', argv: (w) => ['plan', '--domain', '', '--model', 'gpt-4o-mini', '--epochs', '1', '--domains', w.domains], error: /^--domain needs a value/ },
  { name: "finetune plan --system ''", defect: DEFECT, command: 'finetune', argv: (w) => [...PLAN(w), '--system', ''], error: /^--system must not be empty \(--system TEXT\)$/ },

  // A flag npm took for itself: the right form, before any work.
  // npm's own command line (`npmArgv`) holds every flag; the folders after -- keep a missed case inside the workspace.
  { name: 'npm start --only one (without --)', defect: DEFECT, command: 'start', env: () => ({ npm_lifecycle_event: 'start' }), npmArgv: (w) => [...NPM, 'start', '--only', 'one', '--', ...START(w)], argv: START, error: TOOK('--only one', 'npm start -- --only one --domains \\S+ --suites \\S+ --out \\S+') },
  { name: 'npm run start --only=one --checkpoints (without --)', defect: DEFECT, command: 'start', env: () => ({ npm_lifecycle_event: 'start' }), npmArgv: (w) => [...NPM, 'run', 'start', '--only=one', '--checkpoints', '--', ...START(w)], argv: START, error: TOOK('--only=one, --checkpoints', 'npm run start -- --only=one --checkpoints --domains \\S+ --suites \\S+ --out \\S+') },
  { name: 'npm start --domains d --checkpoints, seen in npm_config_ variables', defect: DEFECT, command: 'start', env: () => ({ npm_lifecycle_event: 'start', npm_config_domains: 'true', npm_config_checkpoints: 'true' }), argv: () => ['d'], error: TOOK('--domains …, --checkpoints', 'npm start -- --domains … --checkpoints d') },
  { name: 'npm run finetune plan --domain one … (without --)', defect: DEFECT, command: 'finetune', env: () => ({ npm_lifecycle_event: 'finetune' }), npmArgv: () => [...NPM, 'run', 'finetune', 'plan', '--domain', 'one', '--model', 'gpt-4o-mini', '--epochs', '1'], argv: () => ['plan'], error: TOOK('--domain one, --model gpt-4o-mini, --epochs 1', 'npm run finetune -- plan --domain one --model gpt-4o-mini --epochs 1') },
  { name: 'npm run augment --dry-run -- … (npm\'s own config name)', defect: DEFECT, command: 'augment', env: () => ({ npm_lifecycle_event: 'augment' }), npmArgv: () => [...NPM, 'run', 'augment', '--dry-run', '--', '--domain', 'one'], argv: () => ['--domain', 'one'], error: TOOK('--dry-run', 'npm run augment -- --dry-run --domain one') },
  { name: 'npm run emulator openai --port 9 (without --)', defect: DEFECT, command: 'emulator', env: () => ({ npm_lifecycle_event: 'emulator', npm_config_port: 'true' }), argv: () => ['openai', '9'], error: /^emulator openai: npm took --port … for itself .*; run: npm run emulator -- openai --port … 9$/ },

  // An unknown option names the nearest valid one.
  { name: 'npm start --domian', defect: DEFECT, command: 'start', argv: (w) => ['--domian', w.domains], error: /^unknown option --domian; did you mean --domains\?$/ },
  { name: 'finetune plan --domian', defect: DEFECT, command: 'finetune', argv: () => ['plan', '--domian', 'one'], error: /^unknown option --domian; did you mean --domain\?$/ },
  { name: 'finetune start --epoch 3', defect: DEFECT, command: 'finetune', argv: () => ['start', '--domain', 'one', '--model', 'gpt-4o-mini', '--epoch', '3'], error: /^unknown option --epoch; did you mean --epochs\?$/ },
  { name: 'finetune plna', defect: DEFECT, command: 'finetune', argv: () => ['plna'], error: /^unknown command "plna"; one of plan, start, status, wait, list, cancel, register; did you mean plan\?$/ },
  { name: 'augment --paraphrase 3', defect: DEFECT, command: 'augment', argv: () => ['--paraphrase', '3'], error: /^unknown option --paraphrase; did you mean --paraphrases\?$/ },
  { name: 'report --max-error-rat', defect: DEFECT, command: 'report', argv: (w) => [w.results, '--max-error-rat', '1'], error: /^unknown option --max-error-rat; did you mean --max-error-rate\?$/ },
  { name: 'view --prot', defect: DEFECT, command: 'view', argv: () => ['--prot', '1'], error: /^unknown option --prot; did you mean --port\?$/ },
  { name: 'emulator openai --rate429', defect: DEFECT, command: 'emulator', argv: () => ['openai', '--rate429', '0.1'], error: /^emulator openai: unknown option --rate429; did you mean --rate-429\?$/ },
  { name: 'an unknown option with no near one', defect: DEFECT, command: 'suites', argv: () => ['--verbose'], error: /^unknown option --verbose \(npm run suites -- --help lists them\)$/ },

  // With --only, only the selected domains must be valid.
  {
    name: '--only one beside two broken files: skipped with their first error, not blocking',
    defect: DEFECT,
    setup: brokenDomains,
    // A full disk stops it right after the domains are read, before any eval: the write of one's suite is the first work.
    full: { dir: 'suites' },
    run: async (w) => {
      const { evaluateSuites } = await import('../../lib/eval/evaluate-suites.ts');
      const said: string[] = [];
      try {
        await evaluateSuites({ domainsDir: w.domains, suitesDir: w.suites, only: ['one'], log: (l) => said.push(l), env: { FTBENCH_RUNS_DIR: w.runs } });
      } finally {
        const skipped = said.filter((l) => l.startsWith('skipped '));
        if (skipped.length !== 2 || !/three\.yaml: not selected by --only, and not valid: .*three\.yaml:\d+:\d+ {2}facts\[0\]/.test(skipped.join('\n')) || !/four\.yaml: not selected by --only, and not valid: /.test(skipped.join('\n')))
          throw new Error(`expected both broken files skipped, said: ${JSON.stringify(said)}`);
      }
    },
    error: /^cannot write .*one\.yaml: no space left on the device \(ENOSPC\); nothing was changed$/,
  },
  { name: '--only naming a broken domain: still its error', defect: DEFECT, command: 'start', setup: brokenDomains, argv: (w) => [...START(w), '--only', 'three'], error: /three\.yaml is not a valid domain:$/ },
  { name: '--only naming a broken domain that is not even YAML (known by its file name)', defect: DEFECT, command: 'start', setup: brokenDomains, argv: (w) => [...START(w), '--only', 'four'], error: /four\.yaml/ },
  { name: '--only naming no domain, broken files beside', defect: DEFECT, command: 'start', setup: brokenDomains, argv: (w) => [...START(w), '--only', 'five'], error: /^--only names unknown domain\(s\) five; known: one, two; skipped as invalid: .*four\.yaml, .*three\.yaml$/ },
];
