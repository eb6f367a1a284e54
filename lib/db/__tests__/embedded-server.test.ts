import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, unixSocketDirectory } from "@/lib/db/embedded-server";

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

  it("is reached through a Unix socket in its own directory, with the password, and on loopback TCP too", async () => {
    const server = await startEmbeddedPostgres({ directory });
    try {
      const url = new URL(server.urlFor("postgres"));
      expect(url.searchParams.get("host")).toBe(path.resolve(server.directory));
      // A Unix socket connection has no client address.
      expect(await query(url.toString(), "SELECT client_addr IS NULL AS unix FROM pg_stat_activity WHERE pid = pg_backend_pid()")).toEqual([{ unix: true }]);
      // The socket asks for the password as TCP does.
      const wrongPassword = new URL(url);
      wrongPassword.password = "not-the-password";
      await expect(query(wrongPassword.toString(), "SELECT 1")).rejects.toThrow(/password authentication failed/);
      url.searchParams.delete("host");
      expect(await query(url.toString(), "SELECT host(client_addr) AS address FROM pg_stat_activity WHERE pid = pg_backend_pid()")).toEqual([{ address: "127.0.0.1" }]);
    } finally {
      await server.stop();
    }
  });

  it("leaves the socket out where the path would not fit one, or on Windows", () => {
    expect(unixSocketDirectory("/var/lib/parley/postgres", 54321, "linux")).toBe("/var/lib/parley/postgres");
    expect(unixSocketDirectory(`/${"d".repeat(100)}`, 54321, "linux")).toBeNull();
    expect(unixSocketDirectory("/srv/my data,old/postgres", 54321, "linux")).toBeNull();
    expect(unixSocketDirectory("/var/lib/parley/postgres", 54321, "win32")).toBeNull();
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
