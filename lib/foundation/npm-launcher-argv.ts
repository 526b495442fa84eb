/**
 * The command line of the npm process that runs this one (`npm start --only
 * x`: node, npm-cli.js, start, --only, x), which lib/cli/npm-swallowed-flags.ts
 * reads for the flags npm took for itself; processIO() hands it to commands.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Whether an argv word is npm's own program (its bin or npm-cli.js). */
export const isNpmCli = (arg: string | undefined) => arg !== undefined && ['npm', 'npm-cli.js', 'npm.js', 'npm.cmd'].includes(path.basename(arg));

/**
 * The command line of the npm process that runs this one (node, npm-cli.js
 * and its arguments), read from /proc up to ten parents up; undefined off
 * Linux, outside npm, or when it cannot be read.
 */
export function npmLauncherArgv(env: NodeJS.ProcessEnv = process.env): string[] | undefined {
  if (!env.npm_lifecycle_event || process.platform !== 'linux') return undefined;
  try {
    let pid = process.ppid;
    for (let depth = 0; depth < 10 && pid > 1; depth++) {
      const raw = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const argv = (raw.endsWith('\0') ? raw.slice(0, -1) : raw).split('\0');
      if (isNpmCli(argv[0]) || isNpmCli(argv[1])) return argv;
      // The parent's id is the 4th field of stat, after the command name in parentheses (which may hold spaces).
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      pid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    }
  } catch {
    // No /proc, or a parent gone: no witness.
  }
  return undefined;
}
