import { describe, expect, it } from "vitest";
import { timeOrderedId } from "./time-ordered-id";
import { uuidSchema } from "@/lib/validation/uuid";

describe("timeOrderedId", () => {
  it("is a valid version 7 UUID that sorts by creation time", () => {
    const first = timeOrderedId(1_700_000_000_000);
    const later = timeOrderedId(1_700_000_000_001);
    expect(uuidSchema.safeParse(first).success).toBe(true);
    expect(first[14]).toBe("7");
    expect(["8", "9", "a", "b"]).toContain(first[19]);
    expect(first < later).toBe(true);
    expect(timeOrderedId()).not.toBe(timeOrderedId());
  });
});

describe("uuidArray", () => {
  it("refuses anything that is not a UUID rather than splice it into the literal", async () => {
    const { uuidArray } = await import("./sql-params");
    expect(() => uuidArray(["0190a5d0-ac96-774b-bcce-b302099a8057,0190a5d0-ac96-774b-bcce-b302099a8058"])).toThrow();
    expect(() => uuidArray([timeOrderedId()])).not.toThrow();
  });
});
