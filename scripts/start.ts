import { spawn } from "node:child_process";
import http from "node:http";
import path from "node:path";
import next from "next";
import { closeDb, getDb } from "@/lib/db/client";
import { seedDemoData } from "@/lib/db/seed/demo-seed";
import { childProcessEnv, dataDir, provideEnv, readEnv } from "@/lib/env";
import { startWorker, type WorkerHandle } from "@/lib/jobs/run-worker";
import { startSmtpListener } from "@/lib/email/smtp-listener";
import { ensureAuthSecret } from "@/lib/server/auth-secret";
import { buildIsFresh, markBuildFresh } from "@/lib/server/build-freshness";
import { bootDatabase, resetDataDirectory } from "@/lib/server/database-bootstrap";
import { describeDatabase, seedsDemo, startBanner, wayIn } from "@/lib/server/first-run";
import { installShutdownHandlers, onShutdown } from "@/lib/server/shutdown";
import { serveRequest } from "@/lib/server/serve-request";
import { loadDirectRoutes } from "@/lib/server/direct-routes";
import { loadRoutePatternMatcher } from "@/lib/metrics/route-pattern";
import { explainStartFailure } from "@/lib/server/start-failure";
import { logger } from "@/lib/logging/logger";

const dev = process.argv.includes("--dev");
const root = process.cwd();

function runBuild(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
      stdio: "inherit",
      env: childProcessEnv({ NODE_ENV: "production" }),
    });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`next build failed with exit code ${code}`))));
  });
}

async function main() {
  installShutdownHandlers();
  // Next reads NODE_ENV itself: the mode this launcher runs in, unless the caller chose one.
  provideEnv({ NODE_ENV: dev ? "development" : "production" }, { keepGiven: true });
  // Every variable is checked before anything starts: a bad value stops here, in one line.
  const env = readEnv();
  const directory = dataDir(env);
  if (env.PARLEY_RESET_DATA) await resetDataDirectory(directory);

  if (!dev) {
    if (await buildIsFresh(root)) logger.info("build is up to date");
    else {
      logger.info("building the app (first start or changed sources)");
      await runBuild();
      await markBuildFresh(root);
    }
  }

  const database = await bootDatabase({ dataDir: directory });
  onShutdown(async () => database.embedded?.stop());
  // Bounded: a job still running when the worker handed it back holds a pooled connection.
  onShutdown(closeDb, { atMostMs: 2_000 });
  logger.info(database.embedded ? { port: database.embedded.port, directory: database.embedded.directory } : {}, database.embedded ? "embedded PostgreSQL started" : "using DATABASE_URL");

  if (seedsDemo(env.PARLEY_SEED, { embedded: database.embedded !== null }) && (await seedDemoData(getDb()))) logger.info("seeded the demo workspaces");

  await ensureAuthSecret(directory);
  const url = `http://${env.HOSTNAME}:${env.PORT}`;
  provideEnv({ NEXTAUTH_URL: url }, { keepGiven: true });
  const publicUrl = readEnv().NEXTAUTH_URL ?? url;
  // The setup link (while nobody has an account) must be one the person can open: the public URL.
  const way = await wayIn(getDb(), publicUrl);

  let worker: WorkerHandle | null = null;
  if (env.PARLEY_RUN_WORKER) {
    worker = await startWorker({ connectionString: database.url, concurrency: env.WORKER_CONCURRENCY, bulkConcurrency: env.WORKER_BULK_CONCURRENCY, shutdownTimeoutMs: env.PARLEY_WORKER_SHUTDOWN_SECONDS * 1000 });
    onShutdown(async () => worker?.stop());
    // The inbound mail listener goes with the worker (see README, "The email channel").
    if (env.PARLEY_SMTP_PORT) {
      const smtp = await startSmtpListener({ port: env.PARLEY_SMTP_PORT, host: env.PARLEY_SMTP_HOST });
      onShutdown(() => smtp.close());
    }
  }

  const app = next({ dev, dir: root, hostname: env.HOSTNAME, port: env.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  // `next dev` builds into .next/dev, with a manifest that lists no routes (the app directory's are used).
  const routePattern = loadRoutePatternMatcher(path.join(root, ".next", ...(dev ? ["dev"] : [])), path.join(root, "app"));
  // `npm run dev` leaves every route to Next, so that an edited route reloads.
  const direct = dev ? undefined : await loadDirectRoutes(new URL(publicUrl).origin);
  const server = http.createServer(serveRequest(handle, routePattern, direct));
  onShutdown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  onShutdown(async () => app.close?.());
  await new Promise<void>((resolve) => server.listen(env.PORT, resolve));

  // The banner is for the person who ran `npm start` (the way in, the URL), not a log line.
  console.log(startBanner({ url, worker: worker !== null, database: describeDatabase(database.embedded), wayIn: way }));
}

main().catch(async (error: unknown) => {
  // A plain line for the person at the terminal (no stack): the start stops here.
  console.error("[parley] could not start:", explainStartFailure(error));
  process.exitCode = 1;
  process.kill(process.pid, "SIGTERM");
});
