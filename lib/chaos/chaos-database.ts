import path from "node:path";
import { closeDb } from "@/lib/db/client";
import { ensureDatabase, migrateDatabase } from "@/lib/db/migrate";
import { provideEnv } from "@/lib/env";
import { migrateWorkerSchema } from "@/lib/jobs/worker-schema";
import { freePortIn, startRestartablePostgres, type RestartablePostgres } from "@/lib/testing/child-processes";

// Chaos scenarios keep to ports 3240–3259 (see the README's Reliability section).
const PORTS = [3240, 3259] as const;

export type ChaosDatabase = { url: string; postgres: RestartablePostgres; close: () => Promise<void> };

/**
 * A PostgreSQL cluster of the scenario's own (it may be restarted under running processes),
 * with Parley's schema and the worker's, and getDb() in this process pointed at it.
 */
export async function startChaosDatabase(name: string, log: (line: string) => void): Promise<ChaosDatabase> {
  const directory = path.resolve(`.data/chaos/${name}-${process.pid}`);
  let postgres: RestartablePostgres | undefined;
  let port = PORTS[0] - 1;
  // Two scenarios starting at once (test files run in parallel) may both find the same port free.
  for (let attempt = 0; !postgres; attempt++) {
    port = await freePortIn(port + 1, PORTS[1]);
    try {
      postgres = await startRestartablePostgres({ directory, port });
    } catch (error) {
      if (attempt >= 5 || !String(error).includes("could not create any TCP/IP sockets")) throw error;
    }
  }
  const url = postgres.urlFor("parley");
  await ensureDatabase(url);
  await migrateDatabase(url);
  await migrateWorkerSchema(url);
  provideEnv({ DATABASE_URL: url });
  await closeDb();
  log(`started PostgreSQL on 127.0.0.1:${port} (a cluster of its own) and migrated a database`);
  return {
    url,
    postgres,
    close: async () => {
      await closeDb();
      await postgres.discard();
    },
  };
}
