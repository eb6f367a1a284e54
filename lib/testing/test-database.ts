import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { closeDb } from "@/lib/db/client";
import { provideEnv } from "@/lib/env";
import { stopLiveListener } from "@/lib/live/listener";

const TEMPLATE_DATABASE = "parley_test_template";

/**
 * The admin URL of the run's PostgreSQL (see global-setup.ts). Suites reach that server only
 * through this module, so `npm run test:integration` (vitest related to this file) finds them all.
 */
export function testAdminUrl(): string {
  return inject("testAdminUrl");
}

/**
 * Gives the calling suite a fresh, migrated database of its own and points DATABASE_URL (and so
 * getDb()) at it. Call at the top level of an integration test file.
 */
export async function useTestDatabase(): Promise<{ url: string; name: string }> {
  const adminUrl = testAdminUrl();
  const name = `parley_test_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
  await admin.end();

  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  provideEnv({ DATABASE_URL: url.toString() });
  await closeDb();

  // Most suites share a process with the next one (vitest.config.ts): what they opened on their
  // database closes with it, so no pool or LISTEN connection carries over to the next suite's.
  afterAll(async () => {
    await stopLiveListener();
    await closeDb();
    const cleanup = new pg.Client({ connectionString: adminUrl });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await cleanup.end();
  });
  return { url: url.toString(), name };
}
