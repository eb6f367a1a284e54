import { Logger, runMigrations } from "graphile-worker";

/** Only warnings and errors: graphile-worker's info lines would drown the app's own output. */
export const quietLogger = new Logger(() => (level, message) => {
  if (level === "error" || level === "warning") console.error(`[worker] ${message}`);
});

/** Installs or upgrades graphile-worker's own schema so jobs can be queued before a worker runs. */
export async function migrateWorkerSchema(connectionString: string): Promise<void> {
  await runMigrations({ connectionString, logger: quietLogger });
}
