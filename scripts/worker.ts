import { closeDb } from "@/lib/db/client";
import { dataDir, readEnv } from "@/lib/env";
import { startWorker } from "@/lib/jobs/run-worker";
import { startMetricsServer } from "@/lib/metrics/metrics-server";
import { startSmtpListener } from "@/lib/email/smtp-listener";
import { bootDatabase } from "@/lib/server/database-bootstrap";
import { installShutdownHandlers, onShutdown } from "@/lib/server/shutdown";
import { explainStartFailure } from "@/lib/server/start-failure";
import { logger } from "@/lib/logging/logger";

/**
 * A standalone worker. Point DATABASE_URL at the shared PostgreSQL to add job capacity from any
 * machine; without it, it joins (or starts) this machine's embedded database.
 */
async function main() {
  installShutdownHandlers();
  const env = readEnv();
  const database = await bootDatabase({ dataDir: dataDir(env) });
  onShutdown(async () => database.embedded?.stop());
  // Bounded: a job still running when the worker handed it back holds a pooled connection.
  onShutdown(closeDb, { atMostMs: 2_000 });
  const worker = await startWorker({ connectionString: database.url, concurrency: env.WORKER_CONCURRENCY, bulkConcurrency: env.WORKER_BULK_CONCURRENCY, shutdownTimeoutMs: env.PARLEY_WORKER_SHUTDOWN_SECONDS * 1000 });
  onShutdown(() => worker.stop());
  logger.info({ workerId: worker.workerId }, "worker is running");
  if (env.PARLEY_WORKER_METRICS_PORT) {
    const metrics = await startMetricsServer({ port: env.PARLEY_WORKER_METRICS_PORT });
    onShutdown(() => metrics.close());
    logger.info({ port: metrics.port }, "worker metrics at /metrics");
  }
  if (env.PARLEY_SMTP_PORT) {
    const smtp = await startSmtpListener({ port: env.PARLEY_SMTP_PORT, host: env.PARLEY_SMTP_HOST });
    onShutdown(() => smtp.close());
    logger.info({ host: env.PARLEY_SMTP_HOST, port: smtp.port }, "inbound mail listener started");
  }
}

main().catch((error: unknown) => {
  // A plain line for the person at the terminal (no stack): the worker stops here.
  console.error("[parley] worker could not start:", explainStartFailure(error));
  process.exitCode = 1;
  process.kill(process.pid, "SIGTERM");
});
