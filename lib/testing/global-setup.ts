import path from "node:path";
import { rm } from "node:fs/promises";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, type EmbeddedServer } from "@/lib/db/embedded-server";
import { migrateDatabase } from "@/lib/db/migrate";
import { readEnv } from "@/lib/env";
import { migrateWorkerSchema } from "@/lib/jobs/worker-schema";
import { explainStartFailure } from "@/lib/server/start-failure";

const TEMPLATE_DATABASE = "parley_test_template";

let server: EmbeddedServer | undefined;
let clusterRoot: string | undefined;

/**
 * Starts one PostgreSQL for the whole run (the embedded one, or DATABASE_URL's server) and
 * migrates a template database; every suite then clones it into a fresh database of its own.
 */
export default async function setup(project: TestProject) {
  try {
    return await startTestDatabase(project);
  } catch (error) {
    await server?.discard().catch(() => {});
    // One line saying what to do, not a stack trace from inside the setup; no test can run without it.
    console.error(`[parley] could not start the test database: ${explainStartFailure(error)}`);
    process.exit(1);
  }
}

async function startTestDatabase(project: TestProject) {
  let adminUrl: string;
  const given = readEnv().DATABASE_URL;
  if (given) {
    const url = new URL(given);
    url.pathname = "/postgres";
    adminUrl = url.toString();
  } else {
    // One throwaway cluster per run, so parallel runs on one machine never share a data directory.
    clusterRoot = path.resolve(`.data/test-${process.pid}`);
    await rm(clusterRoot, { recursive: true, force: true });
    server = await startEmbeddedPostgres({ directory: path.join(clusterRoot, "postgres"), ephemeral: true });
    adminUrl = server.urlFor("postgres");
  }

  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await admin.end();

  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${TEMPLATE_DATABASE}`;
  await migrateDatabase(templateUrl.toString());
  await migrateWorkerSchema(templateUrl.toString());

  project.provide("testAdminUrl", adminUrl);

  return async () => {
    await server?.discard();
    if (clusterRoot) await rm(clusterRoot, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    testAdminUrl: string;
  }
}
