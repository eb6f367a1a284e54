import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/testing/test-database";

const { url } = await useTestDatabase();
const { runSearchBench } = await import("./search");

// A smoke test, not a benchmark: the bench's data and queries still fit the schema. No timings.
describe("npm run bench:search, at a tiny size", () => {
  it("builds its conversations and messages and runs every search it times", { timeout: 120_000 }, async () => {
    const result = await runSearchBench({ conversations: 2_000, iterations: 2, floorIterations: 1, warmup: 1, databaseUrl: url });
    expect(result).toMatchObject({ conversations: 2_000, opened: 1_000, messages: 6_000 });
    expect(result.searches.map((s) => s.label)).toHaveLength(9);
    const byQuery = Object.fromEntries(result.searches.map((s) => [s.query, s]));
    // The typical searches find something, and the unknown word nothing.
    expect(byQuery["refund"]!.results).toBeGreaterThan(0);
    expect(byQuery['"shipping label"']!.results).toBeGreaterThan(0);
    expect(byQuery["Margret Hamilton"]!.results).toBeGreaterThan(0);
    expect(byQuery["zebracorn"]!.results).toBe(0);
  });
});
