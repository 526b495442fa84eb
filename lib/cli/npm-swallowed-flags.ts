/**
 * `npm start --only x` without `--`: npm reads every flag before `--` as its
 * own config and runs the script without it, so the command would silently
 * do something else (evaluate every domain). This finds such flags, so the
 * command can refuse before any work and print the form that works
 * (`npm start -- --only x`).
 *
 * Two witnesses, the second used where the first is missing:
 * - npm's own command line (io.npmArgv: lib/foundation/npm-launcher-argv.ts
 *   reads it on Linux): exact, and the only witness for a flag npm knows under the same
 *   name: npm never exports a deprecated config (`only`), and a config such as
 *   `yes` or `force` may as well come from the person's own environment.
 * - the `npm_config_<name>` variable npm exports for a flag it does not know
 *   (`--out x` gives npm_config_out=x, `--checkpoints` npm_config_checkpoints=true).
 * Both only while npm runs this very script (`npm_lifecycle_event`).
 */
import { isNpmCli } from '../foundation/npm-launcher-argv.ts';
import { npmRun } from './command-spec.ts';

/** Flag names this project's commands share with npm's own configs (npm 11's definitions): their npm_config_ variable proves nothing. */
const NPM_OWN_CONFIGS = new Set(['only', 'json', 'dry-run', 'all', 'name', 'yes', 'force', 'location', 'help']);

export interface SwallowedFlags {
  /** The flags, as typed (`--only x`). */
  flags: string[];
  /** The command line that passes them to the command. */
  rightForm: string;
}

interface Declared {
  script: string;
  args?: string;
  /** Option name → whether it takes a value. */
  options: ReadonlyMap<string, boolean>;
}

const NPM_RUN_WORDS = new Set(['run', 'run-script', 'rum', 'urn']);

function fromLauncher(argv: readonly string[], declared: Declared): SwallowedFlags | null {
  const rest = argv.slice(isNpmCli(argv[1]) ? 2 : 1);
  const end = rest.indexOf('--');
  const before = end === -1 ? rest : rest.slice(0, end);
  const after = end === -1 ? [] : rest.slice(end + 1);
  // `start`, or `run … finetune`: npm's flags may stand between the words.
  const scriptAt = before.indexOf(declared.script);
  if (scriptAt === -1) return null;
  const runAt = before.slice(0, scriptAt).findIndex((w) => NPM_RUN_WORDS.has(w));
  const npmFlags: string[] = [];
  const ours: string[] = [];
  const swallowed: string[] = [];
  for (let i = 0; i < before.length; i++) {
    if (i === scriptAt || i === runAt) continue;
    const word = before[i]!;
    const m = /^--([^=]+)(=.*)?$/.exec(word);
    const takesValue = m ? declared.options.get(m[1]!) : undefined;
    if (takesValue === undefined) {
      // A bare word after the script's name is passed on to it; the rest (npm's flags and their values) stays npm's.
      (!m && i > scriptAt ? ours : npmFlags).push(word);
      continue;
    }
    const next = before[i + 1];
    const flag = takesValue && !m![2] && next !== undefined && i + 1 !== scriptAt && !next.startsWith('-') ? [word, before[++i]!] : [word];
    swallowed.push(flag.join(' '));
    ours.push(...flag);
  }
  if (!swallowed.length) return null;
  const quote = (w: string) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replaceAll("'", "'\\''")}'`);
  const words = runAt === -1 ? [declared.script] : ['run', declared.script];
  return { flags: swallowed, rightForm: ['npm', ...words, ...npmFlags, '--', ...ours, ...after].map(quote).join(' ') };
}

function fromEnv(env: NodeJS.ProcessEnv, declared: Declared, argv: readonly string[]): SwallowedFlags | null {
  const flags: string[] = [];
  for (const [name, takesValue] of declared.options) {
    if (NPM_OWN_CONFIGS.has(name)) continue;
    const value = env[`npm_config_${name.replaceAll('-', '_')}`];
    if (value === undefined || value === '') continue;
    // npm saves a flag it does not know as true; the value typed after it reaches the command as an argument.
    flags.push(takesValue && value !== 'true' ? `--${name}=${value}` : takesValue ? `--${name} …` : `--${name}`);
  }
  if (!flags.length) return null;
  const lead = [npmRun(declared.script), '--', declared.args].filter(Boolean).join(' ');
  return { flags, rightForm: `${lead} ${[...flags, ...argv.filter((a) => a !== declared.args)].join(' ')}` };
}

/** Flags of the command that npm took for itself, or null; `launcherArgv` is npm's own command line when known (npmLauncherArgv). */
export function swallowedFlags(declared: Declared, env: NodeJS.ProcessEnv, argv: readonly string[], launcherArgv?: readonly string[]): SwallowedFlags | null {
  if (env.npm_lifecycle_event !== declared.script) return null;
  if (launcherArgv) return fromLauncher(launcherArgv, declared);
  return fromEnv(env, declared, argv);
}
