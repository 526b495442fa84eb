/**
 * Environment for every promptfoo run the project starts: no telemetry, no
 * update check, no sharing, no runtime banner, no remote generation (its
 * viewer otherwise asks api.promptfoo.app for its health on every page), and
 * no per-run debug log file (promptfoo 0.121.20's can crash the process at
 * exit, "write after end", after an eval with many provider errors: the eval
 * is stored but the exit code says it failed). A value the user set wins.
 */
export const PROMPTFOO_OFFLINE_ENV: Record<string, string> = {
  PROMPTFOO_DISABLE_TELEMETRY: '1',
  PROMPTFOO_DISABLE_UPDATE: '1',
  PROMPTFOO_DISABLE_SHARING: '1',
  PROMPTFOO_DISABLE_RUNTIME_WARNINGS: '1',
  PROMPTFOO_DISABLE_REMOTE_GENERATION: '1',
  PROMPTFOO_DISABLE_DEBUG_LOG: '1',
};

export function promptfooEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...PROMPTFOO_OFFLINE_ENV, ...base };
}

/** Sets the offline variables in this process (for code that imports promptfoo directly). */
export function applyPromptfooOfflineEnv(): void {
  for (const [k, v] of Object.entries(PROMPTFOO_OFFLINE_ENV)) process.env[k] ??= v;
}

/**
 * Node options for a promptfoo child process, before promptfoo's entry point:
 * the preload that keeps its telemetry beacon on the machine
 * (offline-preload.mjs), and no ExperimentalWarning (promptfoo 0.121.20
 * triggers one from undici on every run).
 */
export const PROMPTFOO_NODE_ARGS: readonly string[] = [
  '--disable-warning=ExperimentalWarning',
  '--import',
  new URL('./offline-preload.mjs', import.meta.url).href,
];
