import { spawn } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { buildIsFresh } from "@/lib/server/build-freshness";

// Not a browser test: the short versions of `npm run chaos -- web-kill scale-out`, which start
// two `npm start` web processes (and workers) of their own on a PostgreSQL of their own. They
// run here rather than in the unit suite because they need the built app: `npm test` runs the
// unit suite before anything is built, and this suite's server has just built it, so they reuse
// that build instead of making CI build twice. Each scenario throws on its first failed check.
const ROOT = path.resolve(import.meta.dirname, "../..");

function runChaos(name: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--import", "./bench/allow-server-only.ts", "scripts/chaos/run.ts", "--short", name], {
      cwd: ROOT,
      env: process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

for (const [name, what] of [
  ["web-kill", "a web process SIGKILLed under open live streams: they resume on the other one from Last-Event-ID and miss nothing"],
  ["scale-out", "two web processes and two workers on one PostgreSQL share a fan-out, a live stream and a session"],
] as const) {
  test(`chaos ${name} (short): ${what}`, async () => {
    test.setTimeout(300_000);
    // Its web processes would rebuild .next under the suite's own server if the sources changed.
    if (!(await buildIsFresh(ROOT))) throw new Error("The sources changed since the test server built the app: run the browser tests again.");
    const { code, output } = await runChaos(name);
    await test.info().attach(`npm run chaos -- --short ${name}`, { body: output, contentType: "text/plain" });
    expect(code, output).toBe(0);
    expect(output).toContain(`passed  ${name}`);
    expect(output.split("\n").filter((line) => line.includes("] checked: ")).length, output).toBeGreaterThanOrEqual(name === "web-kill" ? 9 : 7);
  });
}
