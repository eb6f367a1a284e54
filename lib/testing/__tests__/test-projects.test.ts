import path from "node:path";
import { describe, expect, it } from "vitest";
import { SESSION_MOCK, testFilesByProject, testProjectOf } from "@/lib/testing/test-projects";

const ROOT = path.resolve(import.meta.dirname, "../../..");

describe("which process a test file runs in", () => {
  it("shares one when it replaces no module", () => {
    expect(testProjectOf(`import { it } from "vitest";\nit("adds", () => {});`)).toBe("shared");
  });

  it("shares one with the other signed-in files when its only replacement is the shared session mock", () => {
    expect(testProjectOf(`${SESSION_MOCK}\nconst { act } = await import("@/lib/actions/x");`)).toBe("signed-in");
  });

  it("gets its own when it replaces any other module, or the session another way", () => {
    expect(testProjectOf(`vi.mock("@/lib/workflow/registry", async (original) => ({ ...(await original()) }));`)).toBe("isolated");
    expect(testProjectOf(`${SESSION_MOCK}\nvi.mock("next/headers", () => ({ headers: async () => new Headers() }));`)).toBe("isolated");
    expect(testProjectOf(`vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => null }));`)).toBe("isolated");
    expect(testProjectOf(`vi.doMock("@/lib/env", () => ({}));`)).toBe("isolated");
  });

  it("puts every test file of the repository in exactly one project", () => {
    const byProject = testFilesByProject(ROOT);
    const all = [...byProject.shared, ...byProject["signed-in"], ...byProject.isolated];
    expect(new Set(all).size).toBe(all.length);
    expect(byProject.shared).toContain("lib/env.test.ts");
    expect(byProject.isolated).toContain("lib/workflow/__tests__/throwaway-node.test.ts");
    expect(byProject["signed-in"]).toContain("lib/teams/__tests__/teams.test.ts");
  });
});
