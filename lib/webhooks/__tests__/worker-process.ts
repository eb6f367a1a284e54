import { readEnv } from "../../env";
import { startWorker } from "../../jobs/run-worker";

// A real Parley worker in its own process, for tests that kill it mid-job.
const connectionString = readEnv().DATABASE_URL;
if (!connectionString) throw new Error("DATABASE_URL is required");
await startWorker({ connectionString, concurrency: 2 });
console.log("worker ready");
