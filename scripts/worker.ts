import { closeDb } from "@/lib/db/client";
import { dataDir, readEnv } from "@/lib/env";
import { startWorker } from "@/lib/jobs/run-worker";
import { startSmtpListener } from "@/lib/email/smtp-listener";
import { bootDatabase } from "@/lib/server/database-bootstrap";
import { installShutdownHandlers, onShutdown } from "@/lib/server/shutdown";
import { explainStartFailure } from "@/lib/server/start-failure";

/**
 * A standalone worker. Point DATABASE_URL at the shared PostgreSQL to add job capacity from any
 * machine; without it, it joins (or starts) this machine's embedded database.
 */
async function main() {
  installShutdownHandlers();
  const env = readEnv();
  const database = await bootDatabase({ dataDir: dataDir(env) });
  onShutdown(async () => database.embedded?.stop());
  onShutdown(closeDb);
  const worker = await startWorker({ connectionString: database.url, concurrency: env.WORKER_CONCURRENCY });
  onShutdown(() => worker.stop());
  console.log(`[parley] worker ${worker.workerId} is running`);
  if (env.PARLEY_SMTP_PORT) {
    const smtp = await startSmtpListener({ port: env.PARLEY_SMTP_PORT, host: env.PARLEY_SMTP_HOST });
    onShutdown(() => smtp.close());
    console.log(`[parley] inbound mail listener on ${env.PARLEY_SMTP_HOST}:${smtp.port}`);
  }
}

main().catch((error: unknown) => {
  console.error("[parley] worker could not start:", explainStartFailure(error));
  process.exitCode = 1;
  process.kill(process.pid, "SIGTERM");
});
