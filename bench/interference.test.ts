import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/testing/test-database";

const { url } = await useTestDatabase();
const { runInterferenceBench } = await import("./interference");

// A smoke test, not a benchmark: the bench's two audiences, its replies and its fan-out still fit
// the schema and the engine. No timings.
describe("npm run bench:interference, at a tiny size", () => {
  it("times replies quietly and while a campaign fans out, and the campaign reaches everyone", { timeout: 120_000 }, async () => {
    const result = await runInterferenceBench({ contacts: 400, quietReplies: 3, repliers: 300, concurrency: 2, bulkConcurrency: 2, databaseUrl: url });
    expect(result.quiet.count).toBe(3);
    expect(result.fanOutConversations).toBe(400);
  });
});
