import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/testing/test-database";

const { url } = await useTestDatabase();
const { runInboxBench } = await import("./inbox-views");
const { BUILT_IN_VIEWS } = await import("@/lib/inbox/views");

// A smoke test, not a benchmark: the bench's data and queries still fit the schema. No timings.
describe("npm run bench:inbox, at a tiny size", () => {
  it("builds its conversations and runs every query it times", async () => {
    const result = await runInboxBench({ conversations: 10_000, iterations: 2, warmup: 1, explain: "newest", databaseUrl: url });
    expect(result.conversations).toBe(10_000);
    // Every 20th conversation has opened: the views have rows to list and count.
    expect(result.opened).toBe(500);
    const labels = result.firstPages.map((timing) => timing.label);
    for (const view of BUILT_IN_VIEWS) expect(labels).toContain(view.label);
    expect(result.counts["all"]).toBeGreaterThan(0);
  });
});
