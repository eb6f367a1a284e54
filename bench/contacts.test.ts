import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/testing/test-database";

const { url } = await useTestDatabase();
const { runContactsBench } = await import("./contacts");

// A smoke test, not a benchmark: the bench's data, import and queries still fit the schema. No timings.
describe("npm run bench:contacts, at a tiny size", () => {
  it("imports its file against the COPY floor and runs every search it times", { timeout: 120_000 }, async () => {
    const result = await runContactsBench({ importRows: 3_000, listContacts: 2_000, iterations: 2, warmup: 1, databaseUrl: url });
    // Even rows existed (matched by email and updated), odd rows are new; every row is valid.
    expect(result.counts).toEqual({ created: 1_500, updated: 1_500, failed: 0 });
    expect(result.search.map((s) => s.label)).toHaveLength(7);
  });
});
