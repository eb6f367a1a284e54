import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { childProcessEnv } from "@/lib/env";

const ROOT = path.resolve(import.meta.dirname, "../../..");

describe("the test setup when PostgreSQL cannot be reached", () => {
  it("says why in one line, with what to do, and no stack trace", async () => {
    const child = spawn(process.execPath, [path.join(ROOT, "node_modules/vitest/vitest.mjs"), "run", "lib/env.test.ts"], {
      cwd: ROOT,
      // Port 9 (discard) on loopback: nothing listens there.
      env: childProcessEnv({ DATABASE_URL: "postgres://parley:secret@127.0.0.1:9/parley", NO_COLOR: "1", FORCE_COLOR: "0" }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("exit", (exitCode) => resolve(exitCode)));

    expect(code).toBe(1);
    expect(output).toContain(
      "[parley] could not start the test database: could not connect to PostgreSQL at 127.0.0.1:9 (ECONNREFUSED): check that it is running and that DATABASE_URL points to it, or unset DATABASE_URL to use the embedded PostgreSQL.\n",
    );
    expect(output).not.toMatch(/^\s+at /m);
    expect(output).not.toContain("secret");
  });
});
