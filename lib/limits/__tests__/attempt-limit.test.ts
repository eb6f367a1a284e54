import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { SafeError } from "@/lib/errors";
import { assertWithinLimit } from "@/lib/limits/attempt-limit";
import { secondsUntilOneMore, slidingCount } from "@/lib/limits/sliding-window";
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

describe("the window's edge", () => {
  it("counts the previous window's attempts, so the limit holds across a window's edge", async () => {
    // Attempts made just before the current window began: a fixed window would forget them now.
    const limit = { bucket: "test.edge", key: "k", max: 5, windowSeconds: 86_400 };
    await getDb().execute(sql`
      INSERT INTO attempt_windows (bucket, key, window_start, count)
      VALUES (${limit.bucket}, ${limit.key}, to_timestamp(floor(extract(epoch FROM now()) / 86400) * 86400 - 86400), 1000000)`);
    const refused = await assertWithinLimit(getDb(), limit, "tries").catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: "rate_limited", status: 429 });
    // Another key is not touched by them.
    await assertWithinLimit(getDb(), { ...limit, key: "other" }, "tries");
  });
});

describe("the sliding estimate", () => {
  const window = { windowSeconds: 60 };

  it("weighs the previous window by how much of it is still within the last window", () => {
    expect(slidingCount({ ...window, current: 3, previous: 10, elapsedSeconds: 0 })).toBe(13);
    expect(slidingCount({ ...window, current: 3, previous: 10, elapsedSeconds: 15 })).toBe(10.5);
    expect(slidingCount({ ...window, current: 3, previous: 10, elapsedSeconds: 60 })).toBe(3);
  });

  it("after the limit was used at the very end of a window, lets only what the old window's weight leaves", () => {
    // A fixed window would let the whole limit through again at the edge: twice the limit within seconds.
    const max = 30;
    const allowedAt = (elapsedSeconds: number) => {
      let current = 0;
      while (slidingCount({ ...window, current: current + 1, previous: max, elapsedSeconds }) <= max) current++;
      return current;
    };
    expect(allowedAt(0)).toBe(0);
    expect(allowedAt(30)).toBe(15);
    expect(allowedAt(60)).toBe(30);
  });

  it("says when one more event will be allowed", () => {
    // Refused within the window because of the previous one: wait until its weight has fallen enough.
    const early = { ...window, current: 5, previous: 30, elapsedSeconds: 10 };
    const wait = secondsUntilOneMore(early, 30);
    expect(slidingCount({ ...early, current: 6, elapsedSeconds: 10 + wait })).toBeCloseTo(30);
    // Past the limit within the window: wait into the next window, where this one weighs less.
    const over = { ...window, current: 40, previous: 0, elapsedSeconds: 50 };
    const next = secondsUntilOneMore(over, 30);
    expect(next).toBeGreaterThan(10);
    expect(slidingCount({ ...window, current: 1, previous: 40, elapsedSeconds: next - 10 })).toBeCloseTo(30);
    // Room already: no wait.
    expect(secondsUntilOneMore({ ...window, current: 1, previous: 0, elapsedSeconds: 5 }, 30)).toBe(0);
  });
});
