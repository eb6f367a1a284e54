import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { SafeError } from "@/lib/errors";
import { assertWithinLimit } from "@/lib/limits/attempt-limit";
import { useTestDatabase } from "@/lib/testing/test-database";

await useTestDatabase();

describe("attempt limits", () => {
  it("lets max attempts through in a window and refuses the next with 429, per key", async () => {
    const limit = { bucket: "test.invitations", key: "workspace-a", max: 3, windowSeconds: 3600 };
    for (let i = 0; i < 3; i++) await assertWithinLimit(getDb(), limit, "invitations");
    const refused = await assertWithinLimit(getDb(), limit, "invitations").catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SafeError);
    expect(refused).toMatchObject({ code: "rate_limited", status: 429 });
    expect((refused as SafeError).message).toMatch(/^Too many invitations for now\. Try again in \d+ minutes?\.$/);
    await assertWithinLimit(getDb(), { ...limit, key: "workspace-b" }, "invitations");
  });

  it("never lets two racing attempts both take the last slot", async () => {
    const limit = { bucket: "test.race", key: "k", max: 5, windowSeconds: 3600 };
    const outcomes = await Promise.allSettled(Array.from({ length: 12 }, () => assertWithinLimit(getDb(), limit, "tries")));
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(5);
  });
});
