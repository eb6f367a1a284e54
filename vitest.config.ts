import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "vitest/config";

const ROOT = import.meta.dirname;
// bench/*.test.ts run each benchmark once at a tiny size, so a benchmark cannot rot unnoticed.
const TEST_FOLDERS = ["lib", "components", "app", "scripts", "bench"];
const TEST_FILE = /\.test\.tsx?$/;

const testFiles = TEST_FOLDERS.flatMap((folder) =>
  readdirSync(path.join(ROOT, folder), { recursive: true, encoding: "utf8" })
    .filter((file) => TEST_FILE.test(file))
    .map((file) => path.posix.join(folder, file.split(path.sep).join("/"))),
);

// Most suites share a process and the modules it has loaded (isolate: false): loading the app's
// modules afresh for every file was two thirds of the suite's time. A suite that replaces a
// module (vi.mock, vi.doMock) gets a process of its own: in a shared one, the modules other suites
// loaded first would keep the real one, or keep its replacement after it. The exception is the
// session replaced by lib/testing/session-mock.ts, the same in every suite that asks for it: those
// suites share processes among themselves.
const replacesAModule = /\bvi\.(?:mock|doMock)\(/g;
const SESSION_MOCK = `vi.mock("@/lib/auth/session", async () => (await import("@/lib/testing/session-mock")).mockedSessionModule());`;
const sources = new Map(testFiles.map((file) => [file, readFileSync(path.join(ROOT, file), "utf8")]));
const replacements = (file: string) => sources.get(file)!.match(replacesAModule)?.length ?? 0;
const sessionMocks = (file: string) => sources.get(file)!.split(SESSION_MOCK).length - 1;
const signedInFiles = testFiles.filter((file) => sessionMocks(file) > 0 && sessionMocks(file) === replacements(file));
const isolatedFiles = testFiles.filter((file) => replacements(file) > 0 && !signedInFiles.includes(file));
const sharedFiles = testFiles.filter((file) => replacements(file) === 0);

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
      { extends: true, test: { name: "shared", include: sharedFiles, isolate: false } },
      { extends: true, test: { name: "signed-in", include: signedInFiles, isolate: false } },
      { extends: true, test: { name: "isolated", include: isolatedFiles, isolate: true } },
    ],
  },
});
