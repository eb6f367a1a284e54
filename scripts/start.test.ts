import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { childProcessEnv } from "@/lib/env";

const START = path.resolve(import.meta.dirname, "start.ts");

describe("npm start with an invalid variable", () => {
  it("stops before starting anything, with one line naming the variable and no stack trace", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", START], {
      env: childProcessEnv({ PORT: "http", PARLEY_DATA_DIR: ".data/never-created" }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("exit", (exitCode) => resolve(exitCode)));

    expect(code).toBe(1);
    expect(output).toContain("[parley] could not start: Invalid environment: PORT must be a whole number from 1 to 65535\n");
    expect(output).not.toMatch(/^\s+at /m);
    expect(output).not.toContain("building the app");
  });
});

describe("the database commands when PostgreSQL cannot be reached", () => {
  it.each(["migrate.ts", "seed.ts"])("%s says why in one line, with what to do, and no stack trace", async (script) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.resolve(import.meta.dirname, script)], {
      // Port 9 (discard) on loopback: nothing listens there.
      env: childProcessEnv({ DATABASE_URL: "postgres://parley:secret@127.0.0.1:9/parley" }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("exit", (exitCode) => resolve(exitCode)));

    expect(code).toBe(1);
    const verb = script === "migrate.ts" ? "migrate" : "seed";
    expect(output.trim()).toBe(
      `[parley] could not ${verb}: could not connect to PostgreSQL at 127.0.0.1:9 (ECONNREFUSED): check that it is running and that DATABASE_URL points to it, or unset DATABASE_URL to use the embedded PostgreSQL.`,
    );
  });
});
