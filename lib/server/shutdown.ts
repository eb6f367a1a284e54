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

process.once("SIGINT", () => void shutdown("SIGINT"));
process.once("SIGTERM", () => void shutdown("SIGTERM"));
