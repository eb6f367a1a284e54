import { rm } from "node:fs/promises";
import path from "node:path";
import { relocatedClusterDirectory } from "@/lib/db/cluster-placement";
import { startEmbeddedPostgres, type EmbeddedServer } from "@/lib/db/embedded-server";
import { ensureDatabase, migrateDatabase } from "@/lib/db/migrate";
import { provideEnv, readEnv } from "@/lib/env";
import { migrateWorkerSchema } from "@/lib/jobs/worker-schema";

export type BootedDatabase = { url: string; embedded: EmbeddedServer | null };

/**
 * Finds the database to use: DATABASE_URL when set, otherwise the embedded server under the
 * data directory (started here, or adopted when another Parley process already runs it).
 * Either way the schema is brought up to date before anything else touches it.
 */
export async function bootDatabase(options: { dataDir: string; log?: (line: string) => void }): Promise<BootedDatabase> {
  let embedded: EmbeddedServer | null = null;
  let url = readEnv().DATABASE_URL;
  try {
    if (!url) {
      embedded = await startEmbeddedPostgres({ directory: path.join(options.dataDir, "postgres"), log: options.log });
      url = embedded.urlFor("parley");
      // getDb() and the live listener, in this process, connect to the server started here.
      provideEnv({ DATABASE_URL: url });
    }
    await ensureDatabase(url);
    await migrateDatabase(url);
    await migrateWorkerSchema(url);
  } catch (error) {
    // A start that fails halfway leaves no server behind.
    await embedded?.stop().catch(() => {});
    throw error;
  }
  return { url, embedded };
}

/**
 * PARLEY_RESET_DATA: the data directory, and the cluster kept for it elsewhere when Parley runs
 * as root from a directory PostgreSQL's user cannot enter (lib/db/cluster-placement.ts).
 */
export async function resetDataDirectory(dataDir: string): Promise<void> {
  const relocated = relocatedClusterDirectory(path.join(dataDir, "postgres"));
  for (const target of [dataDir, relocated, `${relocated}.password`, `${relocated}.for`]) await rm(target, { recursive: true, force: true });
}
