import { z } from "zod";
import { describe, expect, it } from "vitest";
import { timeOrderedId } from "./time-ordered-id";

describe("timeOrderedId", () => {
  it("is a valid version 7 UUID that sorts by creation time", () => {
    const first = timeOrderedId(1_700_000_000_000);
    const later = timeOrderedId(1_700_000_000_001);
    expect(z.uuid().safeParse(first).success).toBe(true);
    expect(first[14]).toBe("7");
    expect(["8", "9", "a", "b"]).toContain(first[19]);
    expect(first < later).toBe(true);
    expect(timeOrderedId()).not.toBe(timeOrderedId());
  });
});
