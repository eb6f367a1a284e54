import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** Where test files live (bench/*.test.ts run each benchmark once at a tiny size, so none rots unnoticed). */
const TEST_FOLDERS = ["lib", "components", "app", "scripts", "bench"] as const;
const TEST_FILE = /\.test\.tsx?$/;

const REPLACES_A_MODULE = /\bvi\.(?:mock|doMock)\(/g;
/** The one way a suite replaces the session (lib/testing/session-mock.ts). */
export const SESSION_MOCK = `vi.mock("@/lib/auth/session", async () => (await import("@/lib/testing/session-mock")).mockedSessionModule());`;

type TestProjectName = "shared" | "signed-in" | "isolated";

/**
 * Which Vitest project a test file runs in, from its source. Most files share a process and the
 * modules it has loaded ("shared"). A file that replaces a module (vi.mock, vi.doMock) cannot: in
 * a shared process the modules other files loaded first would keep the real one, or keep its
 * replacement after it ("isolated"). The exception is the session replaced the one shared way:
 * those files share processes among themselves ("signed-in").
 */
export function testProjectOf(source: string): TestProjectName {
  const replacements = source.match(REPLACES_A_MODULE)?.length ?? 0;
  if (replacements === 0) return "shared";
  const sessionMocks = source.split(SESSION_MOCK).length - 1;
  return sessionMocks === replacements ? "signed-in" : "isolated";
}

/** Every test file under root (paths relative to it, with "/"), by the project it runs in. */
export function testFilesByProject(root: string): Record<TestProjectName, string[]> {
  const byProject: Record<TestProjectName, string[]> = { shared: [], "signed-in": [], isolated: [] };
  for (const folder of TEST_FOLDERS) {
    for (const file of readdirSync(path.join(root, folder), { recursive: true, encoding: "utf8" })) {
      if (!TEST_FILE.test(file)) continue;
      const relative = path.posix.join(folder, file.split(path.sep).join("/"));
      byProject[testProjectOf(readFileSync(path.join(root, relative), "utf8"))].push(relative);
    }
  }
  return byProject;
}
