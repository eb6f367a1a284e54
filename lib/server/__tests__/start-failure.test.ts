import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { freePort } from "@/lib/db/embedded-server";
import { InvalidEnvironmentError } from "@/lib/env";
import { explainStartFailure } from "@/lib/server/start-failure";
import { testAdminUrl } from "@/lib/testing/test-database";

/** The error a real connection attempt ends with. */
async function connectionError(connectionString: string): Promise<unknown> {
  const client = new pg.Client({ connectionString });
  try {
    await client.connect();
  } catch (error) {
    return error;
  } finally {
    await client.end().catch(() => {});
  }
  throw new Error("expected the connection to fail");
}

describe("why a start failed, in one line", () => {
  it("names the server that does not answer and says what to do, also for localhost's two addresses", async () => {
    const port = await freePort();
    for (const host of ["127.0.0.1", "localhost"]) {
      const line = explainStartFailure(await connectionError(`postgres://parley:secret@${host}:${port}/parley`));
      expect(line).toMatch(new RegExp(`^could not connect to PostgreSQL at (127\\.0\\.0\\.1|::1):${port} \\(ECONNREFUSED\\): check that it is running and that DATABASE_URL points to it, or unset DATABASE_URL`));
      expect(line).not.toContain("secret");
    }
  });

  it("names a Unix socket whose server is not running", async () => {
    const directory = path.join(os.tmpdir(), `parley-no-server-${process.pid}`);
    const line = explainStartFailure(await connectionError(`postgres://parley:secret@localhost:5432/parley?host=${encodeURIComponent(directory)}`));
    expect(line).toBe(`could not connect to PostgreSQL at ${directory}/.s.PGSQL.5432 (ENOENT): check that it is running and that DATABASE_URL points to it, or unset DATABASE_URL to use the embedded PostgreSQL.`);
  });

  it("says the user and password were refused, without repeating them", async () => {
    const url = new URL(testAdminUrl());
    url.password = "not-the-password";
    const line = explainStartFailure(await connectionError(url.toString()));
    expect(line).toMatch(/^PostgreSQL refused the user and password in DATABASE_URL \(.*password authentication failed.*\): correct DATABASE_URL\.$/);
    expect(line).not.toContain("not-the-password");
  });

  it("keeps Parley's own one-line messages, and folds any other message onto one line", () => {
    const invalid = new InvalidEnvironmentError(["PORT must be a whole number from 1 to 65535"]);
    expect(explainStartFailure(invalid)).toBe("Invalid environment: PORT must be a whole number from 1 to 65535");
    expect(explainStartFailure(new Error("first\n   second\nthird"))).toBe("first second third");
    expect(explainStartFailure("plain")).toBe("plain");
  });
});
