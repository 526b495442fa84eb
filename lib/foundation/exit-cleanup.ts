/**
 * Clean-ups that must run however the process ends: normally (`exit`), or on
 * Ctrl-C / SIGTERM, where a `finally` never runs because the signal's default
 * ends the process at once. While clean-ups are registered, SIGINT and
 * SIGTERM run them and then end the process as the signal would have (same
 * signal, so the exit status says so) — unless another part of the program
 * also listens for the signal (a wait that stops cleanly), which then decides
 * whether the process ends. With none registered, nothing here listens and
 * signals keep their default.
 */
const cleanups = new Set<() => void>();
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** Newest first, as nested `finally` blocks run: a child process is ended before the folder it writes into is removed. */
function runAll(): void {
  for (const fn of [...cleanups].reverse()) {
    cleanups.delete(fn);
    try {
      fn();
    } catch {
      // one failed clean-up must not stop the others
    }
  }
}

function onSignal(signal: NodeJS.Signals): void {
  const alone = process.listenerCount(signal) === 1;
  runAll();
  uninstall();
  if (alone) process.kill(process.pid, signal); // listeners removed: the default ends the process
}

function install(): void {
  process.on('exit', runAll);
  for (const s of SIGNALS) process.on(s, onSignal);
}

function uninstall(): void {
  process.off('exit', runAll);
  for (const s of SIGNALS) process.off(s, onSignal);
}

/** Registers `fn` (synchronous) to run at exit or on SIGINT/SIGTERM; returns what unregisters it. */
export function addExitCleanup(fn: () => void): () => void {
  if (cleanups.size === 0) install();
  cleanups.add(fn);
  return () => {
    if (cleanups.delete(fn) && cleanups.size === 0) uninstall();
  };
}
