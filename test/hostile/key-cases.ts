/**
 * Hostile cases, keys in any encoding (issue 16, defects 2 and 6): a key
 * percent-encoded once or more in any part of a URL or in any argument, a
 * key of every vendor the detector lists, and key-shaped text a model
 * proposes to `npm run augment` or a person writes into a sidecar or a
 * domain: each refused or rejected with its rule, the key in no output and
 * no file.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { augmentCommand } from '../../scripts/commands/augment.ts';
import { main as finetune } from '../../scripts/commands/finetune.ts';
import { CANARY_KEYS as K } from '../helpers/canary-keys.ts';
import { runMain } from '../helpers/command.ts';
import { tempDir } from '../helpers/run.ts';
import type { CheckCase } from './check-case.ts';
import type { CommandCase, Workspace } from './command-cases.ts';

const REGISTER = (w: Workspace, baseUrl = 'http://127.0.0.1:9/v1', extra: string[] = []) => ['register', '--name', 'lora', '--base-url', baseUrl, '--model', 'lora', '--domain', 'one', '--domains', w.domains, ...extra];
const PLAN = (w: Workspace) => ['plan', '--domain', 'one', '--model', 'gpt-4o-mini', '--epochs', '1', '--domains', w.domains];
const KEY_ON_COMMAND_LINE = (flag: string | null, rule: string) =>
  new RegExp(`^argument \\d+${flag ? ` \\(the value of ${flag.replace(/[.]/g, '\\.')}\\)` : ''} holds ${rule}: a key never goes on the command line`);
const PREFIX = (p: string) => `a token that starts like a key \\(${p.replace(/[.]/g, '\\.')}…\\)`;
const ENCODED = ', percent-encoded';

/** `%XX` for the first character: `%73k-proj-…`. */
const encodeFirst = (s: string) => `%${s.charCodeAt(0).toString(16).toUpperCase()}${s.slice(1)}`;
const encodeAll = (s: string) => [...Buffer.from(s)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
const again = (s: string) => s.replaceAll('%', '%25');
/** An OpenAI project key as people paste it, dashes and all: no long run of letters and digits to give it away. */
const PASTED = ['sk', 'proj', 'Canary4Rt7', 'Yu2Io9Pa1S', 'd3Fg5Hj7Kl', 'Zx8Cv0Bn2M'].join('-');

export const KEY_CASES: CommandCase[] = [
  // 2. Percent-encoded keys and URL parameters: the secret is the part of the key that the encoded form keeps too.
  { name: 'a percent-encoded key in the base URL query (?x=%73k-proj-…)', defect: '16.2', command: 'finetune', argv: (w) => REGISTER(w, `http://127.0.0.1:9/v1?x=${encodeFirst(PASTED)}`), error: KEY_ON_COMMAND_LINE('--base-url', PREFIX('sk-') + ENCODED), secret: PASTED.slice(1) },
  { name: 'a key encoded twice in the base URL query', defect: '16.2', command: 'finetune', argv: (w) => REGISTER(w, `http://127.0.0.1:9/v1?x=${again(encodeFirst(PASTED))}`), error: KEY_ON_COMMAND_LINE('--base-url', PREFIX('sk-') + ENCODED), secret: PASTED.slice(1) },
  { name: 'a key encoded three times in the base URL fragment', defect: '16.2', command: 'finetune', argv: (w) => REGISTER(w, `http://127.0.0.1:9/v1#${again(again(encodeFirst(K.gitlab!)))}`), error: KEY_ON_COMMAND_LINE('--base-url', PREFIX('glpat-') + ENCODED), secret: K.gitlab!.slice(1) },
  { name: 'a key wholly percent-encoded in the base URL path', defect: '16.2', command: 'finetune', argv: (w) => REGISTER(w, `http://127.0.0.1:9/${encodeAll(K['slack bot']!)}/v1`), error: KEY_ON_COMMAND_LINE('--base-url', PREFIX('xoxb-') + ENCODED), secret: encodeAll(K['slack bot']!) },
  { name: 'a percent-encoded key as the password of the base URL', defect: '16.2', command: 'finetune', argv: (w) => REGISTER(w, `http://me:${encodeFirst(K.stripe!)}@127.0.0.1:9/v1`), error: KEY_ON_COMMAND_LINE('--base-url', 'a URL with credentials \\(user:password@\\)'), secret: K.stripe!.slice(1) },
  { name: 'an encoded user:password@ in the base URL', defect: '16.2', command: 'finetune', argv: (w) => REGISTER(w, 'http://me%3Apa55word%40127.0.0.1:9/v1'), error: KEY_ON_COMMAND_LINE('--base-url', `a URL with credentials \\(user:password@\\)${ENCODED}`), secret: 'pa55word' },
  { name: 'a ;api_key= path parameter in the base URL', defect: '16.2', command: 'finetune', argv: (w) => REGISTER(w, 'http://127.0.0.1:9/v1;api_key=hunter2/chat'), error: KEY_ON_COMMAND_LINE('--base-url', 'a URL parameter named "api_key"'), secret: 'hunter2' },
  { name: 'a percent-encoded ;api_key= path parameter', defect: '16.2', command: 'finetune', argv: (w) => REGISTER(w, 'http://127.0.0.1:9/v1%3Bapi_key%3Dhunter2'), error: KEY_ON_COMMAND_LINE('--base-url', `a URL parameter named "api_key"${ENCODED}`), secret: 'hunter2' },
  { name: 'a twice-encoded parameter name (api%255Fkey=)', defect: '16.2', command: 'finetune', argv: (w) => REGISTER(w, 'http://127.0.0.1:9/v1?api%255Fkey=hunter2'), error: KEY_ON_COMMAND_LINE('--base-url', `a URL parameter named "api_key"${ENCODED}`), secret: 'hunter2' },
  { name: 'a URL with credentials inside a parameter of the base URL', defect: '16.2', command: 'finetune', argv: (w) => REGISTER(w, 'http://127.0.0.1:9/v1?next=http%3A%2F%2Fme%3Apa55word%40h.example%2F'), error: KEY_ON_COMMAND_LINE('--base-url', 'a URL with credentials \\(user:password@\\)'), secret: 'pa55word' },
  { name: 'a percent-encoded key in a --system message', defect: '16.2', command: 'finetune', argv: (w) => [...PLAN(w), '--system', `Use ${encodeFirst(K.stripe!)} when asked.`], error: KEY_ON_COMMAND_LINE('--system', PREFIX('sk_') + ENCODED), secret: K.stripe!.slice(1) },
  { name: 'a percent-encoded key as --run=', defect: '16.2', command: 'finetune', argv: () => ['status', `--run=${encodeFirst(K['slack bot']!)}`], error: KEY_ON_COMMAND_LINE('--run', PREFIX('xoxb-') + ENCODED), secret: K['slack bot']!.slice(1) },
  { name: 'a percent-encoded key as a report results file', defect: '16.2', command: 'report', argv: () => [`${encodeAll(K['slack user']!)}.json`], error: KEY_ON_COMMAND_LINE(null, PREFIX('xoxp-') + ENCODED), secret: encodeAll(K['slack user']!) },
  // 2. A key of every listed vendor's shape, caught by its own prefix (the corpus had none of these).
  { name: 'a Stripe key (sk_) as --name', defect: '16.2', command: 'finetune', argv: (w) => ['register', '--name', K.stripe!, ...REGISTER(w).slice(3)], error: KEY_ON_COMMAND_LINE('--name', PREFIX('sk_')), secret: K.stripe },
  { name: 'a GitHub OAuth token (gho_) as --model', defect: '16.2', command: 'finetune', argv: (w) => [...REGISTER(w).slice(0, 5), '--model', K['github oauth']!, ...REGISTER(w).slice(7)], error: KEY_ON_COMMAND_LINE('--model', PREFIX('gho_')), secret: K['github oauth'] },
  { name: 'a GitHub fine-grained token (github_pat_) as --base-model', defect: '16.2', command: 'finetune', argv: (w) => REGISTER(w, undefined, ['--base-model', K['github fine-grained']!]), error: KEY_ON_COMMAND_LINE('--base-model', PREFIX('github_pat_')), secret: K['github fine-grained'] },
  { name: 'a GitLab token (glpat-) as --api-key-env', defect: '16.2', command: 'finetune', argv: (w) => REGISTER(w, undefined, ['--api-key-env', K.gitlab!]), error: KEY_ON_COMMAND_LINE('--api-key-env', PREFIX('glpat-')), secret: K.gitlab },
  { name: 'a Slack bot token (xoxb-) as --only', defect: '16.2', command: 'start', argv: () => ['--only', K['slack bot']!], error: KEY_ON_COMMAND_LINE('--only', PREFIX('xoxb-')), secret: K['slack bot'] },
  { name: 'a Slack user token (xoxp-) in an --out path', defect: '16.2', command: 'suites', argv: (w) => ['--out', path.join(w.root, K['slack user']!)], error: KEY_ON_COMMAND_LINE('--out', PREFIX('xoxp-')), secret: K['slack user'] },
  { name: 'an NVIDIA key (nvapi-) as agreement --last', defect: '16.2', command: 'agreement', argv: () => ['--last', K.nvidia!], error: KEY_ON_COMMAND_LINE('--last', PREFIX('nvapi-')), secret: K.nvidia },
  { name: 'a Perplexity key (pplx-) as reproduce --from', defect: '16.2', command: 'reproduce', argv: () => ['--from', `/data/${K.perplexity}`], error: KEY_ON_COMMAND_LINE('--from', PREFIX('pplx-')), secret: K.perplexity },
  { name: 'a Together v1 key (tgp_v1_) as npm run view --port', defect: '16.2', command: 'view', argv: () => [`--port=${K['together v1']}`], error: KEY_ON_COMMAND_LINE('--port', PREFIX('tgp_v1_')), secret: K['together v1'] },
  {
    name: 'the ledger refuses a percent-encoded key in a field',
    defect: '16.2',
    run: async (w) => {
      const { Ledger } = await import('../../lib/ledger/ledger.ts');
      const { registrationSpec } = await import('../../lib/finetune/register-run.ts');
      const { loadDomainFile } = await import('../../lib/domain/load.ts');
      const { DEFAULT_RECIPE } = await import('../../lib/training/recipe.ts');
      const spec = registrationSpec({ name: 'lora', domain: loadDomainFile(path.join(w.domains, 'one.yaml')), baseUrl: `http://127.0.0.1:9/v1?x=${encodeFirst(PASTED)}`, model: 'lora', apiKeyEnv: null, epochs: null, recipe: DEFAULT_RECIPE });
      const at = new Date().toISOString();
      new Ledger(w.runs).write({
        version: 1, key: '0123456789abcdef', name: 'lora', spec, estimate: null, trainingFile: { sha256: 'a'.repeat(64), bytes: 1, examples: 1 }, state: 'succeeded', attempt: 1,
        upload: null, job: null, previousJobs: [], statusHistory: [], progress: null, checkpoints: [], errors: [], createdAt: at, updatedAt: at,
      });
    },
    error: /^run 0123456789abcdef: not written to the ledger: spec\.target\.baseUrl holds something shaped like an API key/,
    secret: PASTED.slice(1),
  },
  // 6. Training text a person wrote: a key in a sidecar or a domain is refused before a training file is written
  // (the key is in the workspace, written by the case itself; test/augment-keys.test.ts checks the messages never repeat it).
  {
    name: 'a hand-edited sidecar holding a key (plan --recipe variants)',
    defect: '16.6',
    command: 'finetune',
    setup: (w) => writeFileSync(path.join(w.domains, 'one.training.yaml'), `domain: one\nfacts:\n  f0:\n    paraphrases: ["Which is one 0? ${K.xai}"]\n`),
    argv: (w) => [...PLAN(w), '--recipe', 'variants'],
    error: /one\.training\.yaml is not a valid augmentation sidecar:$/,
  },
  {
    name: 'a hand-edited sidecar holding a percent-encoded key (register --recipe statements)',
    defect: '16.6',
    command: 'finetune',
    setup: (w) => writeFileSync(path.join(w.domains, 'one.training.yaml'), `domain: one\nfacts:\n  f1:\n    restatements: ["See http://x.example/?k=${encodeFirst(K.gitlab!)}"]\n`),
    argv: (w) => REGISTER(w, undefined, ['--recipe', 'statements']),
    error: /one\.training\.yaml is not a valid augmentation sidecar:$/,
  },
  {
    name: 'a domain statement holding a key, trained by --recipe statements (register)',
    defect: '16.6',
    command: 'finetune',
    setup: (w) => writeFileSync(path.join(w.domains, 'one.yaml'), readFileSync(path.join(w.domains, 'one.yaml'), 'utf8').replace('statement: S3.', `statement: S3 ${K.perplexity}.`)),
    argv: (w) => REGISTER(w, undefined, ['--recipe', 'statements']),
    error: /one\.yaml: the training file is not valid:$/,
  },
];

/** Key-shaped lines a model might write among good ones. */
const KEY_REPLY = [
  '1. Which value does the question ask for?',
  `2. ${K.groq}`,
  `3. Ask ${K['slack bot']} about it.`,
  `4. See http://docs.example/?x=${encodeFirst(K.gitlab!)} for it.`,
  '5. Per https://h.example/v1?api_key=hunter2, what is it?',
  `6. "${K.aws}"`,
].join('\n');
const KEY_SECRETS = [K.groq!, K['slack bot']!, K.gitlab!.slice(1), 'hunter2', K.aws!];

function expectNoSecretIn(dir: string, texts: string[]): void {
  for (const rel of readdirSync(dir, { recursive: true }) as string[]) {
    const file = path.join(dir, rel);
    let content: string;
    try {
      content = readFileSync(file, 'utf8');
    } catch {
      continue; // a folder
    }
    for (const s of KEY_SECRETS) expect(content, rel).not.toContain(s);
  }
  for (const t of texts) for (const s of KEY_SECRETS) expect(t).not.toContain(s);
}

/** A workspace with a small domain (twelve facts: enough for a training file) and an empty ledger. */
function augmentWorkspace() {
  const root = tempDir('ftbench-hostile-augment-');
  const domains = path.join(root, 'domains');
  const runs = path.join(root, 'runs');
  mkdirSync(domains);
  mkdirSync(runs);
  const facts = Array.from({ length: 12 }, (_, i) => `  - id: f${i}\n    statement: S${i}.\n    question: What is item ${i}?\n    answer: "${i}"\n`).join('');
  writeFileSync(path.join(domains, 'items.yaml'), `id: items\ntitle: T\nkind: new\nprompt: "Q: {{question}}"\nfacts:\n${facts}`);
  const env = { FTBENCH_RUNS_DIR: runs, PROMPTFOO_CONFIG_DIR: path.join(root, 'promptfoo') };
  return { root, domains, runs, env };
}

export const KEY_CHECKS: CheckCase[] = [
  {
    name: 'npm run augment: a model that writes keys (raw, in prose, percent-encoded, in a URL parameter)',
    defect: '16.6',
    check: async () => {
      const w = augmentWorkspace();
      let calls = 0;
      const augment = augmentCommand(async () => async () => ((calls += 1), { output: KEY_REPLY, tokens: null, emulated: false }));
      const argv = ['--domain', 'items', '--with', 'echo', '--paraphrases', '6', '--statements', '6', '--domains', w.domains];
      const r = await runMain(augment, argv, { env: w.env, cwd: w.root });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/│ paraphrases +│ 72 +│ 12 +│ 0 +│ 0 +│ 0 +│ 0 +│ 60 +│/);
      expect(r.stdout).toMatch(/│ restatements +│ 72 +│ 12 +│ 0 +│ 0 +│ 0 +│ 0 +│ 60 +│/);
      expect(r.stdout).toContain('rejected as key-shaped (training text never holds a key):\n  f0: a paraphrase holding a token that starts like a key (gsk_…): not kept, not shown');
      expect(r.stdout).toContain('f0: a paraphrase holding a token that starts like a key (glpat-…), percent-encoded: not kept, not shown');
      expect(r.stdout).toContain('f0: a paraphrase holding a URL parameter named "api_key": not kept, not shown');
      // Trained: the sidecar's good lines reach runs/<key>.train.jsonl, the keys nowhere.
      const registered = await runMain(finetune, ['register', '--name', 'aug', '--base-url', 'http://127.0.0.1:9/v1', '--model', 'm', '--domain', 'items', '--domains', w.domains, '--recipe', 'variants,statements'], { env: w.env, cwd: w.root });
      expect(registered.code, registered.stderr).toBe(0);
      const train = readdirSync(w.runs).find((f) => f.endsWith('.train.jsonl'))!;
      expect(readFileSync(path.join(w.runs, train), 'utf8')).toContain('Which value does the question ask for?');
      // Resumed from the answer cache: no call, the same counts.
      const again = await runMain(augment, argv, { env: w.env, cwd: w.root });
      expect(again.stdout).toContain('0 call(s) made, 24 answered from the cache');
      expect(again.stdout).toMatch(/│ paraphrases +│ 72 +│ 12 +│ 0 +│ 0 +│ 0 +│ 0 +│ 60 +│/);
      expect(calls).toBe(24);
      expectNoSecretIn(w.root, [r.stdout, r.stderr, registered.stdout, registered.stderr, again.stdout, again.stderr]);
    },
  },
];
