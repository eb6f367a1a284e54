import { closeDb } from "@/lib/db/client";
import { dataDir, readEnv } from "@/lib/env";
import { bootDatabase } from "@/lib/server/database-bootstrap";
import { explainStartFailure } from "@/lib/server/start-failure";
import { logger } from "@/lib/logging/logger";

try {
  const database = await bootDatabase({ dataDir: dataDir(readEnv()) });
  logger.info("migrations applied");
  await closeDb();
  await database.embedded?.stop();
} catch (error) {
  // A plain line for the person at the terminal (no stack): the command stops here.
  console.error("[parley] could not migrate:", explainStartFailure(error));
  process.exitCode = 1;
}
