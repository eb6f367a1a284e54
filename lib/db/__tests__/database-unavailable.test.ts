import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { errorResponse } from "@/lib/api/route-handler";
import { getDb } from "@/lib/db/client";
import { isDatabaseUnavailable } from "@/lib/db/database-unavailable";
import { freePortIn } from "@/lib/testing/child-processes";
import { useTestDatabase } from "@/lib/testing/test-database";

const { toActionError } = await import("@/lib/actions/safe-action");

await useTestDatabase();

async function failureOf(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error("expected a failure");
}

describe("a database that cannot be reached", () => {
  it("is told apart from a failing statement, and answered 503 database_unavailable without a stack", async () => {
    // Nothing listens on this port: what a query meets while PostgreSQL restarts.
    const port = await freePortIn(3250, 3259);
    const pool = new pg.Pool({ connectionString: `postgres://nobody:x@127.0.0.1:${port}/none` });
    const refused = await failureOf(() => drizzle(pool).execute(sql`SELECT 1`));
    await pool.end();
    const broken = await failureOf(() => getDb().execute(sql`SELECT * FROM no_such_table`));

    expect(isDatabaseUnavailable(refused)).toBe(true);
    expect(isDatabaseUnavailable(broken)).toBe(false);

    const response = errorResponse(refused);
    expect(response.status).toBe(503);
    expect(response.headers.get("Retry-After")).toBe("5");
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("database_unavailable");
    expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|\bat /);
    expect(errorResponse(broken).status).toBe(500);
    expect(toActionError(refused)).toMatchObject({ ok: false, code: "database_unavailable" });
  });

  it("includes a Unix socket whose file is gone (its server is down), but no other missing file", async () => {
    const directory = await mkdtemp(path.join(os.tmpdir(), "parley-no-socket-"));
    try {
      const pool = new pg.Pool({ connectionString: `postgres://nobody:x@localhost:5432/none?host=${encodeURIComponent(directory)}` });
      const missingSocket = await failureOf(() => drizzle(pool).execute(sql`SELECT 1`));
      await pool.end();
      const missingFile = await failureOf(() => readFile(path.join(directory, "nothing-here")));

      expect(isDatabaseUnavailable(missingSocket)).toBe(true);
      expect(errorResponse(missingSocket).status).toBe(503);
      expect(isDatabaseUnavailable(missingFile)).toBe(false);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
