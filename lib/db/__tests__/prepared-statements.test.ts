import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { preparingClient } from "@/lib/db/prepared-statements";
import { useTestDatabase } from "@/lib/testing/test-database";

const { url } = await useTestDatabase();

type Prepared = { name: string; statement: string };
const preparedOnThisConnection = sql`SELECT name, statement FROM pg_prepared_statements WHERE name LIKE 'parley\\_%'`;

describe("statements a connection keeps running are prepared on it", () => {
  it("names a parameterised statement from its third run on the connection, and never an unparameterised one", async () => {
    const seen = await getDb().transaction(async (tx) => {
      const results: number[] = [];
      // One transaction is one connection: what it prepared is in its pg_prepared_statements.
      for (let n = 1; n <= 5; n++) results.push(Number((await tx.execute<{ v: number }>(sql`SELECT ${n}::int * 10 AS v`)).rows[0]!.v));
      await tx.execute(sql`SELECT ${"once"}::text AS v`);
      for (let n = 0; n < 5; n++) await tx.execute(sql`SELECT 42 AS unparameterised`);
      const prepared = (await tx.execute<Prepared>(preparedOnThisConnection)).rows;
      return { results, prepared };
    });
    // Named or not, every run answers for its own parameters.
    expect(seen.results).toEqual([10, 20, 30, 40, 50]);
    const statements = seen.prepared.map((row) => row.statement);
    expect(statements.filter((text) => text.includes("::int * 10"))).toHaveLength(1);
    expect(statements.some((text) => text.includes("'once'") || text.includes("::text AS v"))).toBe(false);
    expect(statements.some((text) => text.includes("unparameterised"))).toBe(false);
  });

  it("keeps a prepared statement working after the transaction that prepared it rolled back", async () => {
    const pool = new pg.Pool({ connectionString: url, max: 1, Client: preparingClient({ prepareAfter: 1, maxPrepared: 10, maxCounted: 10 }) });
    const db = drizzle(pool);
    try {
      const fail = db.transaction(async (tx) => {
        await tx.execute(sql`SELECT ${1}::int AS v`);
        throw new Error("rolled back on purpose");
      });
      await expect(fail).rejects.toThrow("rolled back on purpose");
      expect((await db.execute<{ v: number }>(sql`SELECT ${7}::int AS v`)).rows).toEqual([{ v: 7 }]);
      expect((await db.execute<Prepared>(preparedOnThisConnection)).rows).toHaveLength(1);
    } finally {
      await pool.end();
    }
  });

  it("prepares at most maxPrepared statements on a connection", async () => {
    const pool = new pg.Pool({ connectionString: url, max: 1, Client: preparingClient({ prepareAfter: 1, maxPrepared: 2, maxCounted: 10 }) });
    const db = drizzle(pool);
    try {
      for (const column of ["a", "b", "c", "d"]) {
        for (let n = 0; n < 3; n++) expect((await db.execute<Record<string, number>>(sql`SELECT ${n}::int AS ${sql.identifier(column)}`)).rows).toEqual([{ [column]: n }]);
      }
      const prepared = (await db.execute<Prepared>(preparedOnThisConnection)).rows;
      expect(prepared.map((row) => row.statement).sort()).toEqual(['SELECT $1::int AS "a"', 'SELECT $1::int AS "b"']);
    } finally {
      await pool.end();
    }
  });
});
