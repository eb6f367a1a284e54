import path from "node:path";
import { defineConfig } from "vitest/config";
import { testFilesByProject } from "./lib/testing/test-projects";

const ROOT = import.meta.dirname;
// Loading the app's modules afresh for every test file made the suite take 365 s instead of 224 s:
// most files share processes (lib/testing/test-projects.ts says which cannot).
const files = testFilesByProject(ROOT);

export default defineConfig({
  resolve: {
    alias: {
      "@": ROOT,
      // Outside Next there is no server-components boundary to guard, nor a cache to revalidate
      // (Next's own revalidatePath throws without a request); every suite gets the same stand-ins.
      "server-only": path.join(ROOT, "node_modules/server-only/empty.js"),
      "next/cache": path.join(ROOT, "lib/testing/next-cache-outside-next.ts"),
    },
  },
  test: {
    globalSetup: ["./lib/testing/global-setup.ts"],
    // Puts back, after each file, what it changed in the process it shares.
    setupFiles: ["./lib/testing/test-file-setup.ts"],
    // Each suite gets its own database (see lib/testing/test-database.ts); two cores, two forks.
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 30_000,
    // Warnings and errors only: a worker's "stopping" or a seed's "seeded" line in every suite is noise.
    // Tests that read log lines capture them (lib/logging/logger.ts redirectLogs) or set the level.
    env: { PARLEY_LOG_LEVEL: "warn" },
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: "shared", include: files.shared, isolate: false } },
      { extends: true, test: { name: "signed-in", include: files["signed-in"], isolate: false } },
      { extends: true, test: { name: "isolated", include: files.isolated, isolate: true } },
    ],
  },
});
