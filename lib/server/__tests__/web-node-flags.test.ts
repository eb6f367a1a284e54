import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { WEB_NODE_FLAGS } from "@/lib/server/web-node-flags";

describe("the web process's node flags", () => {
  // package.json cannot import them: the processes the bench and tests start must match what an operator's `npm start` runs.
  it("are the flags npm start passes, before its entry point", () => {
    const manifest = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../../package.json"), "utf8")) as { scripts: Record<string, string> };
    const words = manifest.scripts.start!.split(/\s+/);
    const entry = words.indexOf("scripts/start.ts");
    expect(entry).toBeGreaterThan(0);
    for (const flag of WEB_NODE_FLAGS) expect(words.slice(0, entry)).toContain(flag);
  });

  it("let V8's young generation grow past Node's default under a burst of short-lived objects", () => {
    // Objects kept a moment, as a request's are: the young generation grows to its limit.
    const probe = `let kept = [];
      for (let i = 0; i < 1e6; i++) { kept.push({ i, text: "x" + i }); if (kept.length > 2e5) kept = []; }
      console.log(require("v8").getHeapSpaceStatistics().find((space) => space.space_name === "new_space").space_size)`;
    const youngBytes = (flags: readonly string[]) => Number(execFileSync(process.execPath, [...flags, "-e", probe], { encoding: "utf8" }));
    const byDefault = youngBytes([]);
    expect(youngBytes(WEB_NODE_FLAGS)).toBeGreaterThanOrEqual(2 * byDefault);
  });
});
