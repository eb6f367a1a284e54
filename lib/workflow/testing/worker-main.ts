import { readEnv } from "@/lib/env";
import { startWorker } from "@/lib/jobs/run-worker";

// A worker in its own process, for tests that SIGKILL it (DATABASE_URL names the test database).
const env = readEnv();
const worker = await startWorker({ connectionString: env.DATABASE_URL!, concurrency: env.WORKER_CONCURRENCY, bulkConcurrency: env.WORKER_BULK_CONCURRENCY });
process.stdout.write("worker ready\n");
process.on("SIGTERM", () => {
  void worker.stop().then(() => process.exit(0));
});
