import { startWorker } from "../../jobs/run-worker";

// A worker in its own process, for tests that SIGKILL it (DATABASE_URL names the test database).
const worker = await startWorker({ connectionString: process.env.DATABASE_URL!, concurrency: Number(process.env.WORKER_CONCURRENCY ?? 2) });
process.stdout.write("worker ready\n");
process.on("SIGTERM", () => {
  void worker.stop().then(() => process.exit(0));
});
