import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    // bench/*.test.ts run each benchmark once at a tiny size, so a benchmark cannot rot unnoticed.
    include: ["lib/**/*.test.ts", "components/**/*.test.ts", "components/**/*.test.tsx", "app/**/*.test.ts", "scripts/**/*.test.ts", "bench/**/*.test.ts"],
    exclude: ["node_modules", ".data", ".next", "e2e"],
    globalSetup: ["./lib/testing/global-setup.ts"],
    // Each suite gets its own database (see lib/testing/test-database.ts); two cores, two forks.
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 30_000,
    // Warnings and errors only: a worker's "stopping" or a seed's "seeded" line in every suite is noise.
    // Tests that read log lines capture them (lib/logging/logger.ts redirectLogs) or set the level.
    env: { PARLEY_LOG_LEVEL: "warn" },
    hookTimeout: 120_000,
  },
});
