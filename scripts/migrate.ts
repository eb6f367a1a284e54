import { closeDb } from "@/lib/db/client";
import { dataDir, readEnv } from "@/lib/env";
import { bootDatabase } from "@/lib/server/database-bootstrap";
import { explainStartFailure } from "@/lib/server/start-failure";

try {
  const database = await bootDatabase({ dataDir: dataDir(readEnv()) });
  console.log("[parley] migrations applied");
  await closeDb();
  await database.embedded?.stop();
} catch (error) {
  console.error("[parley] could not migrate:", explainStartFailure(error));
  process.exitCode = 1;
}
