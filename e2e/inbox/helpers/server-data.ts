import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * Server-side access to the database of the app under test, for what a spec must arrange or
 * check without a UI: the embedded PostgreSQL that `npm start` runs for PARLEY_DATA_DIR (the
 * Playwright webServer's .data/e2e), or E2E_DATABASE_URL when the app uses another database.
 */
export function e2eDatabaseUrl(): string {
  if (process.env.E2E_DATABASE_URL) return process.env.E2E_DATABASE_URL;
  const dataDir = path.resolve(process.env.PARLEY_E2E_DATA_DIR ?? ".data/e2e");
  const pid = readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n");
  const port = Number(pid[3]);
  const password = readFileSync(path.join(dataDir, "postgres.password"), "utf8").trim();
  return `postgres://parley:${encodeURIComponent(password)}@127.0.0.1:${port}/parley`;
}

/** lib/db's getDb(), pointed at the app's database (the lib code reads DATABASE_URL lazily). */
export async function appDb() {
  process.env.DATABASE_URL ??= e2eDatabaseUrl();
  const { getDb } = await import("@/lib/db/client");
  return getDb();
}

export async function closeAppDb() {
  const { closeDb } = await import("@/lib/db/client");
  await closeDb();
}
