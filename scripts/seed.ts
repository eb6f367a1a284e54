import { closeDb, getDb } from "@/lib/db/client";
import { seedDemoData } from "@/lib/db/seed/demo-seed";
import { dataDir, readEnv } from "@/lib/env";
import { bootDatabase } from "@/lib/server/database-bootstrap";
import { explainStartFailure } from "@/lib/server/start-failure";
import { logger } from "@/lib/logging/logger";

try {
  const database = await bootDatabase({ dataDir: dataDir(readEnv()) });
  logger.info((await seedDemoData(getDb())) ? "seeded the demo workspaces" : "the demo workspaces already exist");
  await closeDb();
  await database.embedded?.stop();
} catch (error) {
  // A plain line for the person at the terminal (no stack): the command stops here.
  console.error("[parley] could not seed:", explainStartFailure(error));
  process.exitCode = 1;
}
