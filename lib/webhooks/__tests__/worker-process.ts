import { readEnv } from "@/lib/env";
import { startWorker } from "@/lib/jobs/run-worker";

// A real Parley worker in its own process, for tests that kill it mid-job.
const connectionString = readEnv().DATABASE_URL;
if (!connectionString) throw new Error("DATABASE_URL is required");
await startWorker({ connectionString, concurrency: 2 });
console.log("worker ready");
