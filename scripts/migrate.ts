import { closeDb } from "../lib/db/client";
import { dataDir, readEnv } from "../lib/env";
import { bootDatabase } from "../lib/server/database-bootstrap";

const database = await bootDatabase({ dataDir: dataDir(readEnv()) });
console.log("[parley] migrations applied");
await closeDb();
await database.embedded?.stop();
