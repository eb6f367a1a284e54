import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/testing/test-database";

const { url } = await useTestDatabase();
const { runResultsBench } = await import("./results");

// A smoke test, not a benchmark: the bench's data and every query it times still fit the schema. No timings.
describe("npm run bench:results, at a tiny size", () => {
  it("seeds its recipients, times every aggregate of the page and renders it", { timeout: 120_000 }, async () => {
    const result = await runResultsBench({ recipients: 1_000, iterations: 2, warmup: 1, databaseUrl: url });
    expect(result.timings.map((t) => t.label)).toHaveLength(9);
    // Per 100 recipients: 2 skipped and 1 failed at s1 before sending; a tenth of the rest at s2.
    const entered = result.funnel.reduce((sum, row) => sum + row.entered, 0);
    expect(entered).toBe(1_000);
    expect(result.funnel.find((row) => row.key === result.startNodes[0])).toMatchObject({ skipped: 20 });
  });
});
