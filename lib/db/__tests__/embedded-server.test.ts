import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "@/lib/db/embedded-server";

const root = await mkdtemp(path.join(os.tmpdir(), "parley-embedded-"));
// Run as root, the server runs as the "postgres" user, which must be able to reach the directory.
await chmod(root, 0o755);
afterAll(() => rm(root, { recursive: true, force: true }));

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

describe("embedded PostgreSQL", () => {
  const directory = path.join(root, "postgres");

  it("keeps its data across a stop and a start, on a new free port", async () => {
    const first = await startEmbeddedPostgres({ directory });
    await query(first.urlFor("postgres"), "CREATE TABLE kept (value text); INSERT INTO kept VALUES ('still here')");
    await first.stop();

    const second = await startEmbeddedPostgres({ directory });
    try {
      expect(await query(second.urlFor("postgres"), "SELECT value FROM kept")).toEqual([{ value: "still here" }]);
    } finally {
      await second.stop();
    }
  });

  it("joins a server another process already runs on the same directory instead of failing on its lock", async () => {
    const owner = await startEmbeddedPostgres({ directory });
    try {
      const joiner = await startEmbeddedPostgres({ directory });
      expect(joiner.port).toBe(owner.port);
      await joiner.stop(); // not the owner: must leave the server running
      expect(await query(owner.urlFor("postgres"), "SELECT 1 AS one")).toEqual([{ one: 1 }]);
    } finally {
      await owner.stop();
    }
  });
});
