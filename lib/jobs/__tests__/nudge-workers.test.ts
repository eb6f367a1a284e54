import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nudgeWorkersAt } from "@/lib/jobs/nudge-workers";
import { waitUntil } from "@/lib/testing/child-processes";
import { useTestDatabase } from "@/lib/testing/test-database";

const { url } = await useTestDatabase();

let listener: pg.Client;
const heard: (string | undefined)[] = [];
beforeAll(async () => {
  listener = new pg.Client({ connectionString: url });
  await listener.connect();
  listener.on("notification", (n) => heard.push(n.payload));
  await listener.query(`LISTEN "jobs:insert"`);
});
afterAll(async () => {
  await listener?.end();
});

describe("nudging the workers when a scheduled job falls due", () => {
  it("sends graphile-worker's jobs:insert notice, which wakes an idle worker as a new job would", async () => {
    nudgeWorkersAt(new Date(Date.now() + 50));
    await waitUntil(() => heard.length > 0, { what: "the jobs:insert notice", timeoutMs: 5_000, intervalMs: 20 });
    // graphile-worker reads the count of new jobs from the payload: one worker is woken.
    expect(JSON.parse(heard[0]!)).toEqual({ count: 1 });
  });
});
