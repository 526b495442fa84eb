/**
 * The command line of the npm process that runs this one (`npm start --only
 * x`: node, npm-cli.js, start, --only, x), which lib/cli/npm-swallowed-flags.ts
 * reads for the flags npm took for itself; processIO() hands it to commands.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';

/** Whether an argv word is npm's own program (its bin or npm-cli.js). */
export const isNpmCli = (arg: string | undefined) => arg !== undefined && ['npm', 'npm-cli.js', 'npm.js', 'npm.cmd'].includes(path.basename(arg));

/** npm's process: it renames itself (`npm run finetune`, flags left out), or still shows its bin. */
const isNpmProcess = (argv: readonly string[]) => argv[0] === 'npm' || argv[0]!.startsWith('npm ') || isNpmCli(argv[0]) || isNpmCli(argv[1]);

/** `10 verbose argv "run" "finetune" "--only" "x"` in the debug log npm keeps open while it runs. */
function argvFromLog(npmPid: number): string[] | undefined {
  for (const fd of readdirSync(`/proc/${npmPid}/fd`)) {
    let target: string;
    try {
      target = readlinkSync(`/proc/${npmPid}/fd/${fd}`);
    } catch {
      continue;
    }
    if (!/[\\/]_logs[\\/][^\\/]*-debug-\d+\.log$/.test(target)) continue;
    const line = readFileSync(target, 'utf8').split('\n').find((l) => /^\d+ verbose argv /.test(l));
    if (!line) return undefined;
    return ['npm', ...[...line.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1]}"`) as string)];
  }
  return undefined;
}

/**
 * The arguments the npm process that runs this one was given (`npm`, then
 * `start --only x`), up to ten parents up, on Linux; undefined off Linux,
 * outside npm, or when npm keeps no log. npm renames its process (its
 * /proc cmdline then holds `npm start`, without the flags), so they are read
 * from the `verbose argv` line of the debug log it holds open
 * (~/.npm/_logs/…-debug-0.log, written for every command unless --logs-max=0).
 */
export function npmLauncherArgv(env: NodeJS.ProcessEnv = process.env): string[] | undefined {
  if (!env.npm_lifecycle_event || process.platform !== 'linux') return undefined;
  try {
    let pid = process.ppid;
    for (let depth = 0; depth < 10 && pid > 1; depth++) {
      const raw = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const argv = (raw.endsWith('\0') ? raw.slice(0, -1) : raw).split('\0');
      if (isNpmProcess(argv)) return argvFromLog(pid);
      // The parent's id is the 4th field of stat, after the command name in parentheses (which may hold spaces).
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      pid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    }
  } catch {
    // No /proc, a parent gone, a log unreadable: no witness.
  }
  return undefined;
}
