/**
 * The hostile-input corpus, command lines: each row is a command's argv and
 * environment in a fresh workspace (w), run in-process through its
 * `main(argv, io)`, with the one clear error it must end with (exit 1,
 * `error: …`, no stack trace, no file in the workspace written or changed).
 * A row with `result` instead expects an exact outcome (exit code, output,
 * files). A row with `secret` also proves that key never appears in the
 * output nor in any file. `full` marks folders whose disk is full (the corpus injects
 * ENOSPC into node:fs there: see corpus.test.ts). A row with `run` checks a
 * library step directly (the suite writer, the ledger) where no command line
 * can reach the case. `defect` is the number in issue 9's list.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CommandMain } from '../../lib/foundation/command-io.ts';
import { CANARY_KEYS as K } from '../helpers/canary-keys.ts';

export interface Workspace {
  root: string;
  /** A folder with two small valid domains (ids one, two). */
  domains: string;
  /** An empty ledger (FTBENCH_RUNS_DIR). */
  runs: string;
  suites: string;
  out: string;
  /** A plain file, to name where a folder is expected. */
  file: string;
  /** Missing. */
  missing: string;
  promptfoo: string;
  /** A valid promptfoo results file. */
  results: string;
}

export type CommandName = 'suites' | 'start' | 'finetune' | 'report' | 'agreement' | 'reproduce' | 'import' | 'emulator' | 'view' | 'augment';

export interface CommandCase {
  name: string;
  defect: string;
  command?: CommandName;
  argv?: (w: Workspace) => string[];
  env?: (w: Workspace) => NodeJS.ProcessEnv;
  /** The command line of the npm process that started the command (io.npmArgv). */
  npmArgv?: (w: Workspace) => string[];
  setup?: (w: Workspace, run: (command: CommandName, argv: string[]) => Promise<{ code: number; stdout: string }>) => void | Promise<void>;
  /** A library step to run instead of a command; it must throw the error. */
  run?: (w: Workspace) => unknown;
  /** Folders (relative to the workspace) whose disk is full after `after` more writes. */
  full?: { dir: keyof Workspace; after?: number };
  /** The error the command must end with (exit 1). */
  error?: RegExp;
  /** Or a result: its exit code, lines its output must hold, and a check of what it wrote (then it may write). */
  result?: { code: number; output: RegExp[]; check?: (w: Workspace) => void };
  /** A key that must appear nowhere: not in stdout, stderr or any file. */
  secret?: string;
}

export const MAINS: Record<CommandName, () => Promise<{ main: CommandMain }>> = {
  suites: () => import('../../scripts/commands/build-suites.ts'),
  start: () => import('../../scripts/commands/main.ts'),
  finetune: () => import('../../scripts/commands/finetune.ts'),
  report: () => import('../../scripts/commands/report.ts'),
  agreement: () => import('../../scripts/commands/agreement.ts'),
  reproduce: () => import('../../scripts/commands/reproduce.ts'),
  import: () => import('../../scripts/commands/import-finetunebench.ts'),
  emulator: () => import('../../scripts/commands/emulator.ts'),
  view: () => import('../../scripts/commands/view.ts'),
  augment: () => import('../../scripts/commands/augment.ts'),
};

const RUN = (w: Workspace) => ['--domain', 'one', '--model', 'gpt-4o-mini', '--epochs', '1', '--domains', w.domains];
const REGISTER = (w: Workspace, extra: string[] = []) => ['register', '--name', 'lora', '--base-url', 'http://127.0.0.1:9/v1', '--model', 'lora', '--domain', 'one', '--domains', w.domains, ...extra];
const KEY_ON_COMMAND_LINE = (flag: string | null, rule: string) =>
  new RegExp(`^argument \\d+${flag ? ` \\(the value of ${flag}\\)` : ''} holds ${rule}: a key never goes on the command line`);
const PREFIX = (p: string) => `a token that starts like a key \\(${p.replace(/[.]/g, '\\.')}…\\)`;

export const COMMAND_CASES: CommandCase[] = [
  // 5. No key on a command line: refused by any command, never repeated, nothing written.
  { name: 'api-key-env holds a groq key', defect: '5', command: 'finetune', argv: (w) => REGISTER(w, ['--api-key-env', K.groq!]), error: KEY_ON_COMMAND_LINE('--api-key-env', PREFIX('gsk_')), secret: K.groq },
  { name: 'api-key-env holds a fireworks key', defect: '5', command: 'finetune', argv: (w) => REGISTER(w, ['--api-key-env', K.fireworks!]), error: KEY_ON_COMMAND_LINE('--api-key-env', PREFIX('fw_')), secret: K.fireworks },
  { name: 'api-key-env=<openai key>', defect: '5', command: 'finetune', argv: (w) => REGISTER(w, [`--api-key-env=${K.openai}`]), error: KEY_ON_COMMAND_LINE('--api-key-env', PREFIX('sk-')), secret: K.openai },
  { name: 'api-key-env is not a variable name', defect: '5', command: 'finetune', argv: (w) => REGISTER(w, ['--api-key-env', 'my-key']), error: /^--api-key-env takes the NAME of an environment variable: capital letters, digits and _/ },
  { name: 'api-key-env in lower case', defect: '5', command: 'finetune', argv: (w) => REGISTER(w, ['--api-key-env', 'openai_api_key']), error: /^--api-key-env takes the NAME of an environment variable/ },
  { name: 'key in the base URL path', defect: '5', command: 'finetune', argv: (w) => [...REGISTER(w).slice(0, 3), '--base-url', `https://proxy.example/${K['openai project']}/v1`, ...REGISTER(w).slice(5)], error: KEY_ON_COMMAND_LINE('--base-url', PREFIX('sk-')), secret: K['openai project'] },
  { name: 'key in the base URL fragment #key=', defect: '5', command: 'finetune', argv: (w) => [...REGISTER(w).slice(0, 3), '--base-url', 'http://127.0.0.1:9/v1#key=hunter2', ...REGISTER(w).slice(5)], error: KEY_ON_COMMAND_LINE('--base-url', 'a URL parameter named "key"'), secret: 'hunter2' },
  { name: 'bare key in the base URL fragment', defect: '5', command: 'finetune', argv: (w) => [...REGISTER(w).slice(0, 3), '--base-url', `http://127.0.0.1:9/v1#${K.xai}`, ...REGISTER(w).slice(5)], error: KEY_ON_COMMAND_LINE('--base-url', PREFIX('xai-')), secret: K.xai },
  { name: 'a fragment in the base URL', defect: '5', command: 'finetune', argv: (w) => [...REGISTER(w).slice(0, 3), '--base-url', 'http://127.0.0.1:9/v1#frag', ...REGISTER(w).slice(5)], error: /^--base-url carries a #fragment: a base URL has none/ },
  { name: 'key in the base URL query', defect: '5', command: 'finetune', argv: (w) => [...REGISTER(w).slice(0, 3), '--base-url', 'http://127.0.0.1:9/v1?api_key=abc123', ...REGISTER(w).slice(5)], error: KEY_ON_COMMAND_LINE('--base-url', 'a URL parameter named "api_key"'), secret: 'abc123' },
  { name: 'credentials in the base URL', defect: '5', command: 'finetune', argv: (w) => [...REGISTER(w).slice(0, 3), '--base-url', 'http://me:pa55word@127.0.0.1:9/v1', ...REGISTER(w).slice(5)], error: KEY_ON_COMMAND_LINE('--base-url', 'a URL with credentials \\(user:password@\\)'), secret: 'pa55word' },
  { name: 'key as --name', defect: '5', command: 'finetune', argv: (w) => ['register', '--name', K['hugging face']!, ...REGISTER(w).slice(3)], error: KEY_ON_COMMAND_LINE('--name', PREFIX('hf_')), secret: K['hugging face'] },
  { name: 'key as --model', defect: '5', command: 'finetune', argv: (w) => [...REGISTER(w).slice(0, 5), '--model', K.replicate!, ...REGISTER(w).slice(7)], error: KEY_ON_COMMAND_LINE('--model', PREFIX('r8_')), secret: K.replicate },
  { name: 'key as --base-model', defect: '5', command: 'finetune', argv: (w) => REGISTER(w, ['--base-model', K.anthropic!]), error: KEY_ON_COMMAND_LINE('--base-model', PREFIX('sk-')), secret: K.anthropic },
  { name: 'key as a start --model', defect: '5', command: 'finetune', argv: (w) => ['start', '--domain', 'one', '--model', K.xai!, '--epochs', '1', '--yes', '--domains', w.domains], error: KEY_ON_COMMAND_LINE('--model', PREFIX('xai-')), secret: K.xai },
  { name: 'key in a --system message', defect: '5', command: 'finetune', argv: (w) => ['plan', ...RUN(w), '--system', `You are helpful. ${K.google}`], error: KEY_ON_COMMAND_LINE('--system', PREFIX('AIza')), secret: K.google },
  { name: 'key as --run=', defect: '5', command: 'finetune', argv: () => ['status', `--run=${K.aws}`], error: KEY_ON_COMMAND_LINE('--run', PREFIX('AKIA')), secret: K.aws },
  { name: 'key as --only of npm start', defect: '5', command: 'start', argv: () => ['--only', K.mistral!], error: KEY_ON_COMMAND_LINE('--only', 'a 32-character random-looking token'), secret: K.mistral },
  { name: 'key in a --out path', defect: '5', command: 'suites', argv: (w) => ['--out', path.join(w.root, K['google oauth']!)], error: KEY_ON_COMMAND_LINE('--out', PREFIX('ya29.')), secret: K['google oauth'] },
  { name: 'key as a report results file', defect: '5', command: 'report', argv: () => [`${K.together}.json`], error: KEY_ON_COMMAND_LINE(null, 'a 64-character random-looking token'), secret: K.together },
  { name: 'key as agreement --last', defect: '5', command: 'agreement', argv: () => ['--last', K.github!], error: KEY_ON_COMMAND_LINE('--last', PREFIX('ghp_')), secret: K.github },
  { name: 'key as an emulator option', defect: '5', command: 'emulator', argv: () => ['openai', '--port', K.openai!], error: KEY_ON_COMMAND_LINE('--port', PREFIX('sk-')), secret: K.openai },
  { name: 'key as npm run view --port', defect: '5', command: 'view', argv: () => [`--port=${K['hugging face']}`], error: KEY_ON_COMMAND_LINE('--port', PREFIX('hf_')), secret: K['hugging face'] },
  { name: 'key as reproduce --from', defect: '5', command: 'reproduce', argv: () => ['--from', `/data/${K.groq}`], error: KEY_ON_COMMAND_LINE('--from', PREFIX('gsk_')), secret: K.groq },
  {
    name: 'the ledger refuses a key-shaped field (last line of defence)',
    defect: '5',
    run: async (w) => {
      const { Ledger } = await import('../../lib/ledger/ledger.ts');
      const { registrationSpec } = await import('../../lib/finetune/register-run.ts');
      const { loadDomainFile } = await import('../../lib/domain/load.ts');
      const { DEFAULT_RECIPE } = await import('../../lib/training/recipe.ts');
      const spec = registrationSpec({ name: 'lora', domain: loadDomainFile(path.join(w.domains, 'one.yaml')), baseUrl: `http://127.0.0.1:9/${K.fireworks}`, model: 'lora', apiKeyEnv: null, epochs: null, recipe: DEFAULT_RECIPE });
      const at = new Date().toISOString();
      new Ledger(w.runs).write({
        version: 1, key: '0123456789abcdef', name: 'lora', spec, estimate: null, trainingFile: { sha256: 'a'.repeat(64), bytes: 1, examples: 1 }, state: 'succeeded', attempt: 1,
        upload: null, job: null, previousJobs: [], statusHistory: [], progress: null, checkpoints: [], errors: [], createdAt: at, updatedAt: at,
      });
    },
    error: /^run 0123456789abcdef: not written to the ledger: spec\.target\.baseUrl holds something shaped like an API key/,
    secret: K.fireworks,
  },

  // 6. Files, folders and variables: one clear error before any work, nothing half-written.
  { name: 'a folder where a run file should be (EISDIR), list', defect: '6', command: 'finetune', setup: (w) => mkdirSync(path.join(w.runs, '0123456789abcdef.json')), argv: () => ['list'], error: /0123456789abcdef\.json: a folder where a ledger record should be; move it out of the ledger$/ },
  {
    name: 'a folder where a run file should be (EISDIR), start',
    defect: '6',
    command: 'finetune',
    setup: async (w, run) => {
      const plan = await run('finetune', ['plan', ...RUN(w)]);
      const key = /│ ([0-9a-f]{16}) │/.exec(plan.stdout)![1]!;
      mkdirSync(path.join(w.runs, `${key}.json`));
    },
    argv: (w) => ['start', ...RUN(w), '--yes'],
    env: () => ({ OPENAI_API_KEY: 'test', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' }),
    error: /[0-9a-f]{16}\.json: a folder where a ledger record should be; move it out of the ledger$/,
  },
  { name: 'a folder where a lock file should be', defect: '6', command: 'finetune', setup: async (w, run) => {
    const plan = await run('finetune', ['plan', ...RUN(w)]);
    mkdirSync(path.join(w.runs, `${/│ ([0-9a-f]{16}) │/.exec(plan.stdout)![1]}.lock`));
  }, argv: (w) => ['start', ...RUN(w), '--yes'], env: () => ({ OPENAI_API_KEY: 'test', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' }), error: /[0-9a-f]{16}\.lock: a folder where the run's lock file should be/ },
  { name: 'a damaged ledger record', defect: '6', command: 'finetune', setup: (w) => writeFileSync(path.join(w.runs, '0123456789abcdef.json'), '{"version": 1,'), argv: () => ['list'], error: /0123456789abcdef\.json: not valid JSON \(.*\); the ledger file is damaged/ },
  { name: 'a full disk while writing suites (ENOSPC)', defect: '6', command: 'suites', full: { dir: 'suites' }, argv: (w) => ['--domains', w.domains, '--out', w.suites], error: /^cannot write .*one\.yaml: no space left on the device \(ENOSPC\); nothing was changed$/ },
  { name: 'a disk full after the first suite (ENOSPC): no suite written', defect: '6', command: 'suites', full: { dir: 'suites', after: 1 }, argv: (w) => ['--domains', w.domains, '--out', w.suites], error: /^cannot write .*two\.yaml: no space left on the device \(ENOSPC\); nothing was changed$/ },
  { name: 'a full disk while registering (ENOSPC): no lock, record or training file', defect: '6', command: 'finetune', full: { dir: 'runs' }, argv: (w) => REGISTER(w), error: /^cannot write .*\.lock: no space left on the device \(ENOSPC\); nothing was changed$/ },
  { name: 'a disk full after the lock (ENOSPC): no record or training file', defect: '6', command: 'finetune', full: { dir: 'runs', after: 1 }, argv: (w) => REGISTER(w), error: /^cannot write .*\.train\.jsonl: no space left on the device \(ENOSPC\); nothing was changed$/ },
  { name: 'a full disk on start (ENOSPC), before any call', defect: '6', command: 'finetune', full: { dir: 'runs' }, argv: (w) => ['start', ...RUN(w), '--yes'], env: () => ({ OPENAI_API_KEY: 'test', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' }), error: /^cannot write .*\.lock: no space left on the device \(ENOSPC\)/ },
  { name: 'a full disk for the report (ENOSPC)', defect: '6', command: 'report', full: { dir: 'out' }, argv: (w) => [w.results, '--out', w.out], error: /^cannot write .*summary\.json: no space left on the device \(ENOSPC\); nothing was changed$/ },
  { name: 'OPENAI_BASE_URL=notaurl on start', defect: '6', command: 'finetune', argv: (w) => ['start', ...RUN(w), '--yes'], env: () => ({ OPENAI_API_KEY: 'test', OPENAI_BASE_URL: 'notaurl' }), error: /^OPENAI_BASE_URL="notaurl" is not an http:\/\/ or https:\/\/ URL \(e\.g\. http:\/\/127\.0\.0\.1:8000\/v1\)/ },
  { name: 'OPENAI_BASE_URL=notaurl on plan', defect: '6', command: 'finetune', argv: (w) => ['plan', ...RUN(w)], env: () => ({ OPENAI_BASE_URL: 'notaurl' }), error: /^OPENAI_BASE_URL="notaurl" is not an http:\/\/ or https:\/\/ URL/ },
  { name: 'OPENAI_BASE_URL=notaurl on npm start', defect: '6', command: 'start', argv: (w) => ['--domains', w.domains, '--suites', w.suites, '--out', w.out], env: () => ({ OPENAI_BASE_URL: 'notaurl' }), error: /^OPENAI_BASE_URL="notaurl" is not an http:\/\/ or https:\/\/ URL/ },
  { name: 'TOGETHER_BASE_URL=notaurl', defect: '6', command: 'finetune', argv: (w) => ['start', '--platform', 'together', '--domain', 'one', '--model', 'meta-llama/Meta-Llama-3.1-8B-Instruct-Reference', '--epochs', '1', '--yes', '--domains', w.domains], env: () => ({ TOGETHER_API_KEY: 'test', TOGETHER_BASE_URL: 'notaurl' }), error: /^TOGETHER_BASE_URL="notaurl" is not an http:\/\/ or https:\/\/ URL/ },
  { name: 'GOOGLE_VERTEX_BASE_URL=ftp://…', defect: '6', command: 'finetune', argv: (w) => ['plan', '--platform', 'vertex', '--domain', 'one', '--model', 'gemini-2.0-flash-001', '--epochs', '1', '--domains', w.domains], env: () => ({ GOOGLE_VERTEX_BASE_URL: 'ftp://127.0.0.1/v1' }), error: /^GOOGLE_VERTEX_BASE_URL="ftp:\/\/127\.0\.0\.1\/v1" is not an http:\/\/ or https:\/\/ URL/ },
  { name: 'STORAGE_EMULATOR_HOST=:::', defect: '6', command: 'finetune', argv: (w) => ['plan', '--platform', 'vertex', '--domain', 'one', '--model', 'gemini-2.0-flash-001', '--epochs', '1', '--domains', w.domains], env: () => ({ STORAGE_EMULATOR_HOST: ':::' }), error: /^STORAGE_EMULATOR_HOST=":::" is not an http:\/\/ or https:\/\/ URL/ },
  { name: 'a base URL variable holding a key is not repeated', defect: '5', command: 'start', argv: (w) => ['--domains', w.domains, '--suites', w.suites, '--out', w.out], env: () => ({ OPENAI_BASE_URL: K.openai }), error: /^OPENAI_BASE_URL=\(its value is not repeated: it looks like it holds a key\) is not an http/, secret: K.openai },
  { name: 'suites --domains names a file', defect: '6', command: 'suites', argv: (w) => ['--domains', w.file, '--out', w.suites], error: /afile: the domains folder is a file, not a folder$/ },
  { name: 'suites --domains names a missing path', defect: '6', command: 'suites', argv: (w) => ['--domains', w.missing, '--out', w.suites], error: /missing: the domains folder does not exist$/ },
  { name: 'suites --out names a file', defect: '6', command: 'suites', argv: (w) => ['--domains', w.domains, '--out', w.file], error: /afile: the suites folder is a file, not a folder$/ },
  { name: 'suites --out lies under a file', defect: '6', command: 'suites', argv: (w) => ['--domains', w.domains, '--out', path.join(w.file, 'x')], error: /afile\/x: the suites folder cannot be created: .*afile is a file, not a folder$/ },
  { name: 'npm start --out names a file (before the eval)', defect: '6', command: 'start', argv: (w) => ['--domains', w.domains, '--suites', w.suites, '--out', w.file], error: /afile: the report folder is a file, not a folder$/ },
  { name: 'npm start --out lies under a file (before the eval)', defect: '6', command: 'start', argv: (w) => ['--domains', w.domains, '--suites', w.suites, '--out', path.join(w.file, 'r')], error: /afile\/r: the report folder cannot be created: .*afile is a file, not a folder$/ },
  { name: 'npm start --domains names a missing path', defect: '6', command: 'start', argv: (w) => ['--domains', w.missing, '--suites', w.suites, '--out', w.out], error: /missing: the domains folder does not exist$/ },
  { name: 'npm start --suites names a file', defect: '6', command: 'start', argv: (w) => ['--domains', w.domains, '--suites', w.file, '--out', w.out], error: /afile: the suites folder is a file, not a folder$/ },
  { name: 'finetune --runs-dir names a file', defect: '6', command: 'finetune', argv: (w) => ['list', '--runs-dir', w.file], error: /afile: the ledger folder is a file, not a folder \(--runs-dir or FTBENCH_RUNS_DIR\)$/ },
  { name: 'finetune register --runs-dir names a missing path', defect: '6', command: 'finetune', argv: (w) => [...REGISTER(w), '--runs-dir', w.missing], error: /missing: the ledger folder does not exist \(--runs-dir or FTBENCH_RUNS_DIR\); create it/ },
  { name: 'finetune start --runs-dir missing (no second paid job in an empty ledger)', defect: '6', command: 'finetune', argv: (w) => ['start', ...RUN(w), '--yes', '--runs-dir', w.missing], env: () => ({ OPENAI_API_KEY: 'test', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' }), error: /missing: the ledger folder does not exist/ },
  { name: 'FTBENCH_RUNS_DIR names a file', defect: '6', command: 'finetune', argv: () => ['status'], env: (w) => ({ FTBENCH_RUNS_DIR: w.file }), error: /afile: the ledger folder is a file, not a folder/ },
  { name: 'finetune --domains names a missing path', defect: '6', command: 'finetune', argv: (w) => ['plan', '--domain', 'one', '--model', 'gpt-4o-mini', '--epochs', '1', '--domains', w.missing], error: /--domain one: the domains folder .*missing does not exist/ },
  { name: 'report --out names a file', defect: '6', command: 'report', argv: (w) => [w.results, '--out', w.file], error: /afile: the report folder is a file, not a folder$/ },
  { name: 'report reads a FIFO (never waits on it)', defect: '6', command: 'report', setup: (w) => void execFileSync('mkfifo', [path.join(w.root, 'results.fifo.json')]), argv: (w) => [path.join(w.root, 'results.fifo.json'), '--out', w.out], error: /results\.fifo\.json: not a regular file; a promptfoo results file must be a plain file$/ },
  { name: 'report reads a folder', defect: '6', command: 'report', argv: (w) => [w.domains, '--out', w.out], error: /domains: (not a regular file|cannot read the promptfoo results file \(it is a folder\))/ },
  { name: 'report reads invalid UTF-8', defect: '6', command: 'report', setup: (w) => writeFileSync(path.join(w.root, 'latin1.json'), Buffer.from([0x7b, 0xe9, 0x7d])), argv: (w) => [path.join(w.root, 'latin1.json'), '--out', w.out], error: /latin1\.json: not valid UTF-8 at byte 1 \(0xe9\)/ },
  { name: 'report reads what is not a results file', defect: '6', command: 'report', argv: (w) => [path.join(w.domains, 'one.yaml'), '--out', w.out], error: /one\.yaml: not a promptfoo results file \(/ },
  { name: 'import --out names a file', defect: '6', command: 'import', argv: (w) => ['--from', w.root, '--out', w.file], error: /afile: the output folder is a file, not a folder$/ },
  {
    name: 'an over-long domain id reaching the suite writer: no suite half-written',
    defect: '6',
    run: async (w) => {
      const { loadDomainFile } = await import('../../lib/domain/load.ts');
      const { writeDomainSuites } = await import('../../lib/suites/write-suites.ts');
      const one = loadDomainFile(path.join(w.domains, 'one.yaml'));
      const long = { ...one, domain: { ...one.domain, id: `long-${'x'.repeat(250)}` } };
      const two = loadDomainFile(path.join(w.domains, 'two.yaml'));
      await writeDomainSuites([one, long, two], w.suites);
    },
    error: /^domain id "long-x{35}…" \(255 characters\) cannot name a suite file: at most 100 lowercase letters, digits and dashes$/,
  },
  {
    name: 'a file name too long for the file system: the first error, not the clean-up\'s',
    defect: '6',
    run: async (w) => {
      const { writeFilesAtomic } = await import('../../lib/foundation/atomic-write.ts');
      writeFilesAtomic([
        { file: path.join(w.suites, 'a.yaml'), content: 'a' },
        { file: path.join(w.suites, `${'n'.repeat(300)}.yaml`), content: 'b' },
      ]);
    },
    error: /^cannot write .*n{300}\.yaml: its name is too long for the file system \(ENAMETOOLONG\); nothing was changed$/,
  },
  {
    name: 'a folder where a suite file should be',
    defect: '6',
    command: 'suites',
    setup: (w) => void mkdirSync(path.join(w.suites, 'two.yaml'), { recursive: true }),
    argv: (w) => ['--domains', w.domains, '--out', w.suites],
    error: /two\.yaml: a folder is in its place \(EISDIR\); nothing was changed$/,
  },
  { name: 'finetune: an unknown command', defect: '6', command: 'finetune', argv: () => ['launch'], error: /^unknown command "launch"; one of plan, start, status, wait, list, cancel, register$/ },
  { name: 'finetune: a flag without its value', defect: '6', command: 'finetune', argv: () => ['plan', '--model'], error: /^--model needs a value \(--model NAME\)$/ },
  { name: 'npm start: an unknown flag', defect: '6', command: 'start', argv: () => ['--evil'], error: /^unknown option --evil \(npm start -- --help lists them\)$/ },
  { name: 'npm start --only an unknown domain (before any eval)', defect: '6', command: 'start', argv: (w) => ['--domains', w.domains, '--suites', w.suites, '--out', w.out, '--only', 'three'], error: /^--only names unknown domain\(s\) three; known: one, two$/ },
  { name: 'agreement --last 0', defect: '6', command: 'agreement', argv: () => ['--last', '0'], error: /^--last "0": expected an integer of at least 1$/ },
  { name: 'emulator: an unknown name', defect: '6', command: 'emulator', argv: () => ['anthropic'], error: /^unknown emulator "anthropic"; one of openai, vertex, together, judge$/ },

  // 4. A failed measurement is no data, never a zero; errors make the run exit non-zero after its report.
  {
    name: 'every call of a tuned model failed: no data, no 0.000, exit 3 after the report',
    defect: '4',
    command: 'report',
    setup: (w) => writeFileSync(path.join(w.root, 'failed.json'), failedResults()),
    argv: (w) => [path.join(w.root, 'failed.json'), '--out', w.out],
    result: {
      code: 3,
      // Every cell of the tuned model says no data, never a number: the overview, the accuracy matrix (the reason below it), the comparison, the cost table (n 0).
      output: [
        /│ gpt-4o-mini tuned 3 epochs │ unknown +│ no data +│ no data +│ no data +│ +│/,
        /│ gpt-4o-mini tuned 3 epochs │ no data +│\n│ +│ all 2 calls failed │/,
        /^gpt-4o-mini tuned 3 epochs, d, memorization: no data: all 2 calls failed: 401 invalid key\.$/m,
        /│ no data: all 2 calls failed │ 1\.000 │ not run +│ — +│ — +│/,
        /│ gpt-4o-mini tuned 3 epochs │ memorization │ 0 │ — +│ — +│ no data +│ no data: no answers +│/,
        /^error: 2 of 3 tests errored \(66\.7%\); .*; exit 3 /m,
      ],
      check: (w) => {
        const summary = JSON.parse(readFileSync(path.join(w.out, 'summary.json'), 'utf8')) as { rows: { provider: string; n: number; accuracy: number | null; errors: number }[] };
        const tuned = summary.rows.find((r) => r.provider === 'gpt-4o-mini tuned 3 epochs')!;
        if (tuned.n !== 0 || tuned.accuracy !== null || tuned.errors !== 2) throw new Error(`tuned row ${JSON.stringify(tuned)}`);
      },
    },
  },
  {
    name: 'errors accepted with --max-error-rate: exit 0, said',
    defect: '4',
    command: 'report',
    setup: (w) => writeFileSync(path.join(w.root, 'failed.json'), failedResults()),
    argv: (w) => [path.join(w.root, 'failed.json'), '--out', w.out, '--max-error-rate', '70%'],
    result: { code: 0, output: [/^note: 2 of 3 tests errored \(66\.7%\); .*; accepted by --max-error-rate 0\.7$/m] },
  },
  { name: '--max-error-rate that is no share', defect: '4', command: 'report', argv: (w) => [w.results, '--max-error-rate', '150%'], error: /^--max-error-rate: expected a share of tests from 0 to 1/ },
];

/** Three results of one domain: the tuned model's two calls failed (401; a failed answer still carries its identity), the base model answered. */
function failedResults(): string {
  const failed = {
    provider: { id: 'file://providers/openai.ts', label: 'gpt-4o-mini tuned 3 epochs' },
    testCase: { metadata: { domain: 'd', split: 'memorization' } },
    metadata: { identity: { role: 'tuned', baseModel: 'gpt-4o-mini' } },
    success: false,
    failureReason: 2,
    error: '401 invalid key',
    gradingResult: null,
  };
  const answered = {
    provider: { id: 'file://providers/openai.ts', label: 'gpt-4o-mini base' },
    testCase: { metadata: { domain: 'd', split: 'memorization' } },
    metadata: { identity: { role: 'base', baseModel: 'gpt-4o-mini' } },
    success: true,
    failureReason: 0,
    gradingResult: { pass: true },
  };
  return JSON.stringify({ evalId: 'eval-failed', results: { results: [failed, failed, answered], stats: { durationMs: 1 } } });
}
