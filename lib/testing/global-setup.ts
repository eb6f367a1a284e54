import path from "node:path";
import { rm } from "node:fs/promises";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "@/lib/db/embedded-server";
import { migrateDatabase } from "@/lib/db/migrate";
import { readEnv } from "@/lib/env";
import { migrateWorkerSchema } from "@/lib/jobs/worker-schema";
import { explainStartFailure } from "@/lib/server/start-failure";

const TEMPLATE_DATABASE = "parley_test_template";

type TestDatabase = { adminUrl: string; stop: () => Promise<void> };

// Vitest calls the setup once per project (each of vitest.config.ts's, and the root), each time in a
// fresh copy of this module: the calls share one start through globalThis, and the last teardown stops it.
const shared = globalThis as unknown as { parleyTestDatabase?: { started: Promise<TestDatabase>; users: number } };

/**
 * Starts one PostgreSQL for the whole run (the embedded one, or DATABASE_URL's server) and
 * migrates a template database; every suite then clones it into a fresh database of its own.
 */
export default async function setup(project: TestProject) {
  const run = (shared.parleyTestDatabase ??= { started: startOrExit(), users: 0 });
  run.users += 1;
  const database = await run.started;
  project.provide("testAdminUrl", database.adminUrl);
  return async () => {
    run.users -= 1;
    if (run.users === 0) await database.stop();
  };
}

async function startOrExit(): Promise<TestDatabase> {
  try {
    return await startTestDatabase();
  } catch (error) {
    // One line saying what to do, not a stack trace from inside the setup; no test can run without it.
    console.error(`[parley] could not start the test database: ${explainStartFailure(error)}`);
    process.exit(1);
  }
}

async function startTestDatabase(): Promise<TestDatabase> {
  let adminUrl: string;
  let stop = async () => {};
  const given = readEnv().DATABASE_URL;
  if (given) {
    const url = new URL(given);
    url.pathname = "/postgres";
    adminUrl = url.toString();
  } else {
    // One throwaway cluster per run, so parallel runs on one machine never share a data directory.
    const clusterRoot = path.resolve(`.data/test-${process.pid}`);
    await rm(clusterRoot, { recursive: true, force: true });
    const server = await startEmbeddedPostgres({ directory: path.join(clusterRoot, "postgres"), ephemeral: true });
    adminUrl = server.urlFor("postgres");
    stop = async () => {
      await server.discard();
      await rm(clusterRoot, { recursive: true, force: true });
    };
  }

  try {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
    await admin.end();

    const templateUrl = new URL(adminUrl);
    templateUrl.pathname = `/${TEMPLATE_DATABASE}`;
    await migrateDatabase(templateUrl.toString());
    await migrateWorkerSchema(templateUrl.toString());
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
  return { adminUrl, stop };
}

declare module "vitest" {
  export interface ProvidedContext {
    testAdminUrl: string;
  }
}
