import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/testing/test-database";

const { url } = await useTestDatabase();
const { runFanoutBench } = await import("./audience-fanout");

// A smoke test, not a benchmark: the bench's workflow, data and checks still fit the schema and
// the engine. The bench itself throws when a round writes the wrong rows. No timings.
describe("npm run bench, at a tiny size", () => {
  it("fans a workflow out to every contact, matches the floor, and times replies", async () => {
    const result = await runFanoutBench({ contacts: 1_000, replies: 5, rounds: 1, concurrency: 2, databaseUrl: url });
    expect(result.rounds).toHaveLength(1);
    expect(result.replyLatencies).toHaveLength(5);
  });
});
