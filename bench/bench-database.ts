import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { closeDb } from "@/lib/db/client";
import { startEmbeddedPostgres } from "@/lib/db/embedded-server";
import { ensureDatabase, migrateDatabase } from "@/lib/db/migrate";
import { provideEnv } from "@/lib/env";
import { migrateWorkerSchema } from "@/lib/jobs/worker-schema";

export type BenchDatabase = { url: string; close: () => Promise<void> };

/**
 * The database a benchmark fills: the migrated one it is given (the smoke test's), or else a
 * fresh embedded PostgreSQL in a temporary directory (started with `settings`, if given), stopped
 * and deleted by close(). Either way
 * getDb() in this process uses it.
 */
export async function benchDatabase(options: { databaseUrl?: string; settings?: Readonly<Record<string, string>> }): Promise<BenchDatabase> {
  if (options.databaseUrl) {
    await closeDb();
    provideEnv({ DATABASE_URL: options.databaseUrl });
    return { url: options.databaseUrl, close: closeDb };
  }
  const root = await mkdtemp(path.join(os.tmpdir(), "parley-bench-"));
  const server = await startEmbeddedPostgres({ directory: path.join(root, "postgres"), ephemeral: true, settings: options.settings });
  const close = async () => {
    await closeDb();
    await server.discard();
    await rm(root, { recursive: true, force: true });
  };
  try {
    const url = server.urlFor("parley_bench");
    await ensureDatabase(url);
    await migrateDatabase(url);
    await migrateWorkerSchema(url);
    await closeDb();
    provideEnv({ DATABASE_URL: url });
    return { url, close };
  } catch (error) {
    await close();
    throw error;
  }
}
