import { Logger, runMigrations } from "graphile-worker";
import { componentLogger } from "@/lib/logging/logger";

const log = componentLogger("graphile-worker");

/** Only warnings and errors: graphile-worker's info lines would drown the app's own output. */
export const quietLogger = new Logger(() => (level, message, meta) => {
  // A failed job is logged by the task runner (lib/jobs/task-list.ts), inside the job's context.
  if (meta?.failure) return;
  if (level === "error") log.error({ err: meta?.error }, message);
  else if (level === "warning") log.warn(message);
});

/** Installs or upgrades graphile-worker's own schema so jobs can be queued before a worker runs. */
export async function migrateWorkerSchema(connectionString: string): Promise<void> {
  await runMigrations({ connectionString, logger: quietLogger });
}
