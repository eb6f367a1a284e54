import { closeDb, getDb } from "@/lib/db/client";
import { seedDemoData } from "@/lib/db/seed/demo-seed";
import { dataDir, readEnv } from "@/lib/env";
import { bootDatabase } from "@/lib/server/database-bootstrap";
import { explainStartFailure } from "@/lib/server/start-failure";

try {
  const database = await bootDatabase({ dataDir: dataDir(readEnv()) });
  console.log((await seedDemoData(getDb())) ? "[parley] seeded the demo workspaces" : "[parley] the demo workspaces already exist");
  await closeDb();
  await database.embedded?.stop();
} catch (error) {
  console.error("[parley] could not seed:", explainStartFailure(error));
  process.exitCode = 1;
}
