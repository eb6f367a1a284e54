import { describe, expect, it } from "vitest";
import { scenario } from "@/lib/chaos/scenarios/worker-sigterm";

// `npm run chaos -- worker-sigterm` (the same at every length): real `npm run worker` processes, a
// loopback receiver holding a webhook request open. The scenario throws on any failed check.
describe("SIGTERM to a worker", () => {
  it("lets the job in flight finish, then exits cleanly; a job still running at the timeout is handed back and another worker completes it", { timeout: 300_000 }, async () => {
    const lines: string[] = [];
    await scenario.run({ short: true, log: (line) => lines.push(line) });
    expect(lines).toContain("checked: the job completed (graphile-worker deleted it) rather than being handed back");
    expect(lines).toContain("checked: another worker delivered it (the receiver saw a second attempt)");
  });
});
