import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The boundaries are kept by lint, not by memory: these prove the rules are on, on the project's
// own config, by linting small files placed where the rule applies.
const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, "..") });

async function messagesFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => `${message.ruleId}: ${message.message}`);
}

describe("lint keeps the boundaries", () => {
  it.each([
    ["@/components/ui/button", "components/"],
    ["@/app/api/health/route", "app/"],
    ["@/lib/actions/workspace", "lib/actions"],
  ])("refuses lib/ importing %s", async (specifier) => {
    const messages = await messagesFor("lib/workspace/example.ts", `import { x } from "${specifier}";\nexport const y = x;\n`);
    expect(messages).toEqual([expect.stringMatching(/^no-restricted-imports: .*lib\/ never imports from components\/, app\/ or lib\/actions/)]);
  });

  it("lets actions, components and app import lib, and lib import lib", async () => {
    expect(await messagesFor("lib/actions/example.ts", `import { x } from "@/lib/workspace/workspace-settings";\nexport const y = x;\n`)).toEqual([]);
    expect(await messagesFor("components/example.tsx", `import { x } from "@/lib/actions/workspace";\nexport const y = x;\n`)).toEqual([]);
    expect(await messagesFor("lib/workspace/example.ts", `import { x } from "@/lib/errors";\nexport const y = x;\n`)).toEqual([]);
  });

  it("refuses parent-relative imports anywhere: one import style", async () => {
    for (const filePath of ["lib/workspace/example.ts", "components/inbox/example.tsx", "app/example/page.tsx"]) {
      expect(await messagesFor(filePath, `import { x } from "../errors";\nexport const y = x;\n`), filePath).toEqual([
        expect.stringMatching(/^no-restricted-imports: .*"@\/…"/),
      ]);
    }
  });

  it("refuses process.env outside lib/env.ts", async () => {
    expect(await messagesFor("lib/workspace/example.ts", "export const port = process.env.PORT;\n")).toEqual([
      expect.stringMatching(/^no-restricted-properties: .*lib\/env\.ts/),
    ]);
    expect(await messagesFor("lib/env.ts", "export const port = process.env.PORT;\n")).toEqual([]);
  });

  it("refuses reaching the test run's PostgreSQL other than through lib/testing/test-database.ts", async () => {
    const code = `import { inject } from "vitest";\nexport const url = inject("testAdminUrl");\n`;
    expect(await messagesFor("lib/workspace/__tests__/example.test.ts", code)).toEqual([expect.stringMatching(/^no-restricted-syntax: Use testAdminUrl\(\)/)]);
    expect(await messagesFor("lib/testing/test-database.ts", code)).toEqual([]);
  });
});
