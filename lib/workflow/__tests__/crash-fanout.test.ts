import { describe, expect, it } from "vitest";
import { scenario } from "@/lib/chaos/scenarios/worker-sigkill";

// The short version of `npm run chaos -- worker-sigkill` (the full one: 20,000 contacts, ten kills).
// The scenario throws unless a kill landed mid-run and every contact has exactly one conversation,
// one first message and one start step.
describe("crash safety of the audience fan-out", () => {
  it("SIGKILLed mid-run and restarted, a separate worker process leaves exactly one conversation and one first message per contact", { timeout: 180_000 }, async () => {
    const lines: string[] = [];
    await scenario.run({ short: true, log: (line) => lines.push(line) });
    expect(lines.filter((line) => line.startsWith("SIGKILL")).length).toBe(2);
    expect(lines.at(-1)).toMatch(/exactly 1 conversation, 1 first message and 1 start step/);
  });
});
