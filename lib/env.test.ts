import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BENCH_ENV_VARIABLES, ENV_VARIABLES, InvalidEnvironmentError, readBenchEnv, readEnv } from "./env";

function failure(read: () => unknown): InvalidEnvironmentError {
  try {
    read();
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) return error;
    throw error;
  }
  throw new Error("expected the environment to be refused");
}

describe("the environment schema", () => {
  it("gives every unset variable its default", () => {
    expect(readEnv({})).toEqual({
      NODE_ENV: "development",
      PARLEY_DATA_DIR: ".data",
      PORT: 3000,
      HOSTNAME: "localhost",
      WORKER_CONCURRENCY: 4,
      WORKER_BULK_CONCURRENCY: 2,
      PARLEY_RUN_WORKER: true,
      PARLEY_RESET_DATA: false,
      PARLEY_SMTP_HOST: "0.0.0.0",
      PARLEY_LIVE_RECHECK_MS: 30_000,
      PARLEY_AUDIENCE_BATCH_SIZE: 1_000,
      PARLEY_AGENT_IDLE_MINUTES: 15,
      PARLEY_DB_POOL_MAX: 10,
      PARLEY_ATTACHMENT_MAX_BYTES: 10 * 1024 * 1024,
      PARLEY_LOG_LEVEL: "info",
      PARLEY_WORKER_SHUTDOWN_SECONDS: 30,
    });
    expect(readBenchEnv({})).toEqual({
      BENCH_CONTACTS: 100_000,
      BENCH_REPLIES: 1_000,
      BENCH_ROUNDS: 3,
      BENCH_CONVERSATIONS: 1_000_000,
      BENCH_ITERATIONS: 200,
      BENCH_LOAD_CONTACTS: 500,
      BENCH_LOAD_AGENTS: 100,
      BENCH_LOAD_RATE: 200,
      BENCH_LOAD_SECONDS: 25,
      BENCH_LOAD_WARMUP_SECONDS: 3,
      BENCH_LOAD_PORT: 3260,
    });
  });

  it("treats an empty value as unset and reads the rest into their types", () => {
    const env = readEnv({ PORT: "", PARLEY_SEED: " ", PARLEY_RUN_WORKER: "false", PARLEY_DB_POOL_MAX: "25", DATABASE_URL: "postgres://u:p@db:5432/parley" });
    expect(env.PORT).toBe(3000);
    expect(env.PARLEY_SEED).toBeUndefined();
    expect(env.PARLEY_RUN_WORKER).toBe(false);
    expect(env.PARLEY_DB_POOL_MAX).toBe(25);
    expect(env.DATABASE_URL).toBe("postgres://u:p@db:5432/parley");
    expect(readBenchEnv({ BENCH_EXPLAIN: "waiting", BENCH_WORKER_CONCURRENCY: "2" })).toMatchObject({ BENCH_EXPLAIN: "waiting", BENCH_WORKER_CONCURRENCY: 2 });
  });

  it("refuses a bad value with one line naming the variable and what it must be", () => {
    const error = failure(() => readEnv({ PORT: "abc" }));
    expect(error.message).toBe("Invalid environment: PORT must be a whole number from 1 to 65535");
    expect(failure(() => readEnv({ PARLEY_LIVE_RECHECK_MS: "0", PARLEY_SEED: "yes" })).message).toBe(
      'Invalid environment: PARLEY_SEED must be "true" or "false"; PARLEY_LIVE_RECHECK_MS must be a whole number from 1 to 86400000',
    );
    expect(failure(() => readEnv({ WORKER_BULK_CONCURRENCY: "0" })).message).toBe("Invalid environment: WORKER_BULK_CONCURRENCY must be a whole number from 1 to 100");
    expect(failure(() => readEnv({ PARLEY_AUDIENCE_BATCH_SIZE: "2.5" })).message).toMatch(/^Invalid environment: PARLEY_AUDIENCE_BATCH_SIZE must be a whole number/);
    expect(failure(() => readBenchEnv({ BENCH_EXPLAIN: "fastest" })).message).toBe(
      "Invalid environment: BENCH_EXPLAIN must be one of newest, oldest, priority, waiting",
    );
  });

  it("never repeats a refused value, which may hold a password", () => {
    const error = failure(() => readEnv({ DATABASE_URL: "parley:hunter2@db/parley" }));
    expect(error.message).toBe("Invalid environment: DATABASE_URL must be a URL like postgres://user:password@host:5432/parley");
    expect(error.message).not.toContain("hunter2");
    expect(error.message).not.toContain("\n");
  });

  it("reads process.env again as soon as one of its variables changes, and refuses a bad one each time", () => {
    const given = process.env.PARLEY_DB_POOL_MAX;
    try {
      process.env.PARLEY_DB_POOL_MAX = "7";
      const first = readEnv();
      expect(first.PARLEY_DB_POOL_MAX).toBe(7);
      expect(readEnv()).toBe(first);
      process.env.PARLEY_DB_POOL_MAX = "8";
      expect(readEnv().PARLEY_DB_POOL_MAX).toBe(8);
      process.env.PARLEY_DB_POOL_MAX = "many";
      expect(failure(() => readEnv()).message).toMatch(/PARLEY_DB_POOL_MAX must be a whole number/);
      expect(failure(() => readEnv()).message).toMatch(/PARLEY_DB_POOL_MAX must be a whole number/);
      delete process.env.PARLEY_DB_POOL_MAX;
      expect(readEnv().PARLEY_DB_POOL_MAX).toBe(10);
    } finally {
      if (given === undefined) delete process.env.PARLEY_DB_POOL_MAX;
      else process.env.PARLEY_DB_POOL_MAX = given;
    }
  });

  it("is listed whole in README's Environment table, and the table lists nothing else", () => {
    const readme = readFileSync(path.resolve(import.meta.dirname, "../README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Environment"), readme.indexOf("\n## ", readme.indexOf("## Environment") + 1));
    const firstColumns = section
      .split("\n")
      .filter((line) => line.startsWith("| `"))
      .map((line) => line.split("|")[1]!);
    const listed = new Set(firstColumns.flatMap((cell) => [...cell.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((match) => match[1]!)));
    expect([...listed].sort()).toEqual([...ENV_VARIABLES, ...BENCH_ENV_VARIABLES].sort());
  });
});
