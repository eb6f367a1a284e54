import { describe, expect, it } from "vitest";

import { scenario } from "@/lib/chaos/scenarios/postgres-restart";

// The short version of `npm run chaos -- postgres-restart` (a few hundred contacts): the scenario throws on any failed check.
describe("chaos: postgres-restart (short)", () => {
  it("every process reconnects by itself and the fan-out, the webhook drain and the live stream finish exactly once", { timeout: 180_000 }, async () => {
    const lines: string[] = [];
    await scenario.run({ short: true, log: (line) => lines.push(line) });
    expect(lines.filter((line) => line.startsWith("checked:")).length).toBeGreaterThanOrEqual(7);
    expect(lines.at(-1)).toMatch(/stops cleanly on SIGTERM/);
  });
});
