import path from "node:path";
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
  if (!url) {
    embedded = await startEmbeddedPostgres({ directory: path.join(options.dataDir, "postgres"), log: options.log });
    url = embedded.urlFor("parley");
    // getDb() and the live listener, in this process, connect to the server started here.
    provideEnv({ DATABASE_URL: url });
  }
  await ensureDatabase(url);
  await migrateDatabase(url);
  await migrateWorkerSchema(url);
  return { url, embedded };
}
