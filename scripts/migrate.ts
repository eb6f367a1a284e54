import { closeDb } from "@/lib/db/client";
import { dataDir, readEnv } from "@/lib/env";
import { bootDatabase } from "@/lib/server/database-bootstrap";

try {
  const database = await bootDatabase({ dataDir: dataDir(readEnv()) });
  console.log("[parley] migrations applied");
  await closeDb();
  await database.embedded?.stop();
} catch (error) {
  console.error("[parley] could not migrate:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
