/**
 * Commands declared once (lib/cli): the declaration parses, checks and
 * explains, through each command's `main(argv, io)` as a person meets it, and
 * through parseCommandLine for the rules no command line shows alone.
 */
import { describe, expect, it } from 'vitest';
import { defineCommand } from '../lib/cli/command-spec.ts';
import { nearest } from '../lib/foundation/nearest.ts';
import { swallowedFlags } from '../lib/cli/npm-swallowed-flags.ts';
import { parseCommandLine } from '../lib/cli/parse-command-line.ts';
import { usageText } from '../lib/cli/usage-text.ts';
import { main as agreement } from '../scripts/commands/agreement.ts';
import { main as buildSuites } from '../scripts/commands/build-suites.ts';
import { main as emulator } from '../scripts/commands/emulator.ts';
import { main as finetune } from '../scripts/commands/finetune.ts';
import { main as start } from '../scripts/commands/main.ts';
import { main as report } from '../scripts/commands/report.ts';
import { main as view } from '../scripts/commands/view.ts';
import { runMain } from './helpers/command.ts';

const SPEC = defineCommand({
  script: 'demo',
  summary: 'A command for the tests.',
  options: {
    domain: { type: 'text', value: 'ID', description: 'a domain' },
    epochs: { type: 'integer', value: 'N', min: 1, max: 50, list: true, description: 'epochs' },
    rate: { type: 'number', value: 'X', above: 0, auto: true, description: 'a rate' },
    kind: { type: 'choice', choices: ['lora', 'full'], description: 'a kind' },
    yes: { type: 'flag', short: 'y', description: 'do not ask' },
    interval: { type: 'number', value: 'S', above: 0, default: 10, description: 'seconds' },
  },
});
const parse = (argv: string[], env: NodeJS.ProcessEnv = {}, npmArgv?: string[]) => parseCommandLine(SPEC, argv, { env, npmArgv: () => npmArgv });

async function refused(main: Parameters<typeof runMain>[0], argv: string[], message: RegExp, env?: NodeJS.ProcessEnv) {
  const r = await runMain(main, argv, { env });
  expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBe(1);
  expect(r.stderr, argv.join(' ')).toMatch(/^error: [^\n]*\n$/); // one line
  expect(r.stderr.slice('error: '.length).trimEnd()).toMatch(message);
  expect(r.stdout).toBe('');
}

describe('a typo names the nearest option or command', () => {
  it.each([
    [finetune, ['plan', '--domian', 'one'], /^unknown option --domian; did you mean --domain\?$/],
    [buildSuites, ['--domian', 'x'], /^unknown option --domian; did you mean --domains\?$/],
    [start, ['--onyl', 'x'], /^unknown option --onyl; did you mean --only\?$/],
    [start, ['--checkpoint'], /^unknown option --checkpoint; did you mean --checkpoints\?$/],
    [start, ['--max-error-rat', '1'], /^unknown option --max-error-rat; did you mean --max-error-rate\?$/],
    [report, ['r.json', '--ot', 'x'], /^unknown option --ot; did you mean --out\?$/],
    [agreement, ['--lats', '3'], /^unknown option --lats; did you mean --last\?$/],
    [view, ['--prot', '1'], /^unknown option --prot; did you mean --port\?$/],
    [finetune, ['start', '--yse'], /^unknown option --yse; did you mean --yes\?$/],
    [finetune, ['plna'], /^unknown command "plna"; one of plan, start, status, wait, list, cancel, register; did you mean plan\?$/],
    [emulator, ['opnai'], /^unknown emulator "opnai"; one of openai, vertex, together, judge; did you mean openai\?$/],
    [start, ['--bogus'], /^unknown option --bogus \(npm start -- --help lists them\)$/],
    [start, ['-x'], /^unknown option -x \(npm start -- --help lists them\)$/],
  ])('case %#', async (main, argv, message) => refused(main, argv as string[], message as RegExp));

  it('an emulator option too (the emulator parses its own, after its name)', async () => {
    const r = await runMain(emulator, ['judge', '--modle', 'x']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: emulator judge: unknown option --modle; did you mean --model?\n');
  });

  it('nearest() keeps to close names', () => {
    expect(nearest('domian', ['domain', 'model'])).toBe('domain');
    expect(nearest('Domain', ['domain'])).toBe('domain');
    expect(nearest('check', ['checkpoints', 'only'])).toBe('checkpoints');
    expect(nearest('evil', ['help', 'only', 'out'])).toBeUndefined();
    expect(nearest('json', ['only'])).toBeUndefined();
    expect(nearest('ab', ['all'])).toBeUndefined();
  });
});

describe('every value is checked by its declaration', () => {
  it.each([
    [start, ['--only', ''], /^--only needs a value: ID\[,ID…\] \(\"\" names none\)$/],
    [start, ['--only', ' , '], /^--only needs a value/],
    [start, ['--only=,'], /^--only needs a value/],
    [start, ['--only'], /^--only needs a value \(--only ID\)$/],
    [start, ['--only', '--checkpoints'], /^--only needs a value \(--only ID\); --checkpoints is an option \(write --only=--checkpoints for a text that starts with -\)$/],
    [start, ['--checkpoints=yes'], /^--checkpoints is a switch and takes no value/],
    [start, ['--max-error-rate', '150%'], /^--max-error-rate: expected a share of tests from 0 to 1/],
    [start, ['stray'], /^unexpected argument "stray" \(this command takes options only; they start with --\)$/],
    [finetune, ['plan', '--domain', 'one', '--model', 'gpt-4o-mini', '--epochs', '3,0'], /^--epochs "0": expected an integer from 1 to 50$/],
    [finetune, ['plan', '--domain', 'one', '--model', 'gpt-4o-mini', '--epochs', '2.5'], /^--epochs "2.5": expected an integer from 1 to 50$/],
    [finetune, ['plan', '--domain', 'one', '--model', '', '--epochs', '3'], /^--model needs a value/],
    [finetune, ['plan', '--domain', 'one', '--model', 'm', '--epochs', '3', '--system', '  '], /^--system must not be empty/],
    [finetune, ['plan', '--domain', 'one', '--model', 'm', '--epochs', '3', '--lr-multiplier', '0'], /^--lr-multiplier "0": expected "auto" or a number above 0$/],
    [finetune, ['plan', '--domain', 'one', '--model', 'm', '--epochs', '3', '--platform', 'vertx'], /^--platform "vertx": expected one of openai, vertex, together, endpoint; did you mean vertex\?$/],
    [finetune, ['wait', '--interval', '0'], /^--interval "0": expected a number above 0 and at most 3600$/],
    [finetune, ['status', '--retries', '21'], /^--retries "21": expected an integer from 0 to 20$/],
    [finetune, [], /^name a command: plan, start/],
    [report, [], /^missing <results.json> \[more.json …\]: promptfoo results files$/],
    [view, ['--port', '0'], /^--port "0": expected an integer from 1 to 65535$/],
    [view, ['--port', '1e3'], /^--port "1e3": expected an integer from 1 to 65535$/],
    [agreement, ['--last', '-1'], /^--last "-1": expected an integer of at least 1$/],
  ])('case %#', async (main, argv, message) => refused(main, argv as string[], message as RegExp));

  it('gives typed values: lists, auto, choices, defaults, short flags, --x=v and -- ', () => {
    const r = parse(['--epochs', '3, 10', '--rate=auto', '--kind', 'full', '-y', '--domain=--odd']);
    expect(r.help).toBe(false);
    if (r.help) return;
    expect(r.values).toEqual({ domain: '--odd', epochs: [3, 10], rate: 'auto', kind: 'full', yes: true, interval: 10 });
    const s = parse(['--rate', '0.5', '--interval', '2.5']);
    expect(!s.help && [s.values.rate, s.values.interval, s.values.yes, s.values.epochs]).toEqual([0.5, 2.5, false, undefined]);
    expect(() => parse(['--rate', '0'])).toThrow('--rate "0": expected "auto" or a number above 0');
    expect(() => parse(['--', '--yes'])).toThrow('unexpected argument "--yes"');
    expect(parse(['-h'])).toEqual({ help: true });
  });
});

describe('--help is made from the declaration', () => {
  it('lists every option with what it takes and its default', () => {
    const text = usageText(SPEC);
    expect(text.split('\n')[0]).toBe('usage: npm run demo -- [options]');
    expect(text).toMatch(/^ {2}--epochs N\[,…\] +epochs: an integer from 1 to 50$/m);
    expect(text).toMatch(/^ {2}--interval S +seconds: a number above 0 \(default 10\)$/m);
    expect(text).toMatch(/^ {2}--kind lora\|full +a kind$/m);
    expect(text).toMatch(/^ {2}-y, --yes +do not ask$/m);
    expect(text).toMatch(/^ {2}-h, --help +print this help$/m);
  });

  it('each command prints it on stdout and exits 0', async () => {
    for (const [main, argv, first] of [
      [start, ['--help'], 'usage: npm start -- [options]'],
      [finetune, ['-h'], 'usage: npm run finetune -- <plan|start|status|wait|list|cancel|register> [options]'],
      [report, ['--help'], 'usage: npm run report -- <results.json> [more.json …] [options]'],
      [emulator, ['--help'], 'usage: npm run emulator -- <openai|vertex|together|judge> [options]'],
    ] as const) {
      const r = await runMain(main, [...argv]);
      expect(r.code).toBe(0);
      expect(r.stdout.split('\n')[0]).toBe(first);
    }
    const r = await runMain(emulator, ['vertex', '--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^usage: npm run emulator -- vertex \[options\]\n/);
    expect(r.stderr).toMatch(/--rate-429 P +probability of a 429 per request: a number from 0 to 1/);
  });
});

describe('flags npm took for itself (npm start --only x, without --)', () => {
  const NPM = ['/usr/bin/node', '/usr/lib/node_modules/npm/bin/npm-cli.js'];

  it('from npm\'s own command line: exact, npm\'s own config names (only, yes, force) included', async () => {
    const only = await runMain(start, [], { env: { npm_lifecycle_event: 'start' }, npmArgv: [...NPM, 'start', '--only', 'fictional-people'] });
    expect(only.code).toBe(1);
    expect(only.stderr).toBe(
      'error: npm took --only fictional-people for itself (npm reads the flags before -- as its own, and the command never saw them); run: npm start -- --only fictional-people\n',
    );
    const run = await runMain(finetune, ['start'], {
      env: { npm_lifecycle_event: 'finetune' },
      npmArgv: [...NPM, 'run', 'finetune', '--silent', 'start', '--yes', '--model', 'gpt-4o-mini', '--', '--epochs', '3'],
    });
    expect(run.stderr).toMatch(/^error: npm took --yes, --model gpt-4o-mini for itself .*; run: npm run finetune --silent -- start --yes --model gpt-4o-mini --epochs 3\n$/);
    const emu = await runMain(emulator, ['openai'], { env: { npm_lifecycle_event: 'emulator' }, npmArgv: [...NPM, 'run', 'emulator', 'openai', '--port', '9'] });
    expect(emu.stderr).toMatch(/npm took --port 9 for itself .*; run: npm run emulator -- openai --port 9\n$/);
  });

  it('from the npm_config_ variables npm sets for a flag it does not know', async () => {
    const r = await runMain(start, ['d'], { env: { npm_lifecycle_event: 'start', npm_config_domains: 'true', npm_config_out: 'reports/x', npm_config_checkpoints: 'true' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'error: npm took --domains …, --out=reports/x, --checkpoints for itself (npm reads the flags before -- as its own, and the command never saw them); run: npm start -- --domains … --out=reports/x --checkpoints d\n',
    );
  });

  it('stays quiet when npm runs another script, when the flags came after --, or for npm\'s own names in the environment', () => {
    const options = new Map([['only', true], ['yes', false], ['out', true]]);
    const declared = { script: 'start', options };
    expect(swallowedFlags(declared, { npm_lifecycle_event: 'test', npm_config_out: 'x' }, [])).toBeNull();
    expect(swallowedFlags(declared, { npm_lifecycle_event: 'start', npm_config_yes: 'true' }, [])).toBeNull();
    expect(swallowedFlags(declared, { npm_lifecycle_event: 'start' }, [], ['node', 'npm', 'start', '--', '--only', 'x'])).toBeNull();
    expect(swallowedFlags(declared, { npm_lifecycle_event: 'start' }, [], ['node', 'npm', 'start', '--loglevel=warn'])).toBeNull();
  });
});
