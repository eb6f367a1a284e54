import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/testing/test-database";
import { holdWorkerLiveness, releaseOrphanedJobs } from "@/lib/jobs/worker-liveness";
import { waitFor } from "@/lib/testing/http-receiver";

const { url } = await useTestDatabase();
const pool = new pg.Pool({ connectionString: url, max: 2 });
afterAll(() => pool.end());

async function lockedJob(lockedBy: string, secondsAgo: number): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(`SELECT id FROM graphile_worker.add_job('heartbeat-noop', '{}'::json)`);
  await pool.query(
    `UPDATE graphile_worker._private_jobs SET locked_by = $1, locked_at = now() - make_interval(secs => $2) WHERE id = $3`,
    [lockedBy, secondsAgo, rows[0]!.id],
  );
  return rows[0]!.id;
}

const lockOf = async (id: string) => (await pool.query<{ locked_by: string | null }>(`SELECT locked_by FROM graphile_worker.jobs WHERE id = $1`, [id])).rows[0]!.locked_by;

describe("orphaned job recovery", () => {
  it("frees jobs whose worker holds no liveness lock, and only once they are past the grace period", async () => {
    const live = await holdWorkerLiveness(url);
    live.claim("worker-alive");
    const alive = await lockedJob("worker-alive", 60);
    const dead = await lockedJob("worker-dead", 60);
    const starting = await lockedJob("worker-just-started", 0);
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(await releaseOrphanedJobs(pool)).toBe(1);
    expect(await lockOf(dead)).toBeNull();
    expect(await lockOf(alive)).toBe("worker-alive");
    expect(await lockOf(starting)).toBe("worker-just-started");

    // When the process holding the lock goes away (its connection closes), its jobs are orphans.
    await live.close();
    expect(await releaseOrphanedJobs(pool)).toBe(1);
    expect(await lockOf(alive)).toBeNull();
  });
});

describe("a running worker", () => {
  it("keeps its jobs however long they run: the id it locks jobs with is the one it keeps alive", async () => {
    const { startWorker } = await import("@/lib/jobs/run-worker");
    const worker = await startWorker({ connectionString: url, concurrency: 2 });
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(worker.poolId()).not.toBe("");
      // A job this worker took a minute ago and is still working on.
      const { rows } = await pool.query<{ id: string }>(
        `SELECT id FROM graphile_worker.add_job('heartbeat-noop', '{}'::json, run_at => now() + interval '1 hour')`,
      );
      await pool.query(`UPDATE graphile_worker._private_jobs SET locked_by = $1, locked_at = now() - interval '1 minute' WHERE id = $2`, [
        worker.poolId(),
        rows[0]!.id,
      ]);
      expect(await releaseOrphanedJobs(pool)).toBe(0);
      expect(await lockOf(rows[0]!.id)).toBe(worker.poolId());
    } finally {
      await worker.stop();
    }
  });

  it("keeps both lanes' jobs alive, each locked with its own runner's id", async () => {
    const { startWorker } = await import("@/lib/jobs/run-worker");
    const worker = await startWorker({ connectionString: url, concurrency: 1, bulkConcurrency: 1 });
    try {
      // Each lane claims its liveness lock as it starts, on the liveness connection: wait for both
      // locks, not for a fixed time (a busy database took longer than 200 ms once).
      const { interactive, bulk } = await waitFor(() => {
        const ids = worker.poolIds();
        return ids.interactive && ids.bulk ? ids : null;
      });
      expect(bulk).not.toBe(interactive);
      await waitFor(async () => {
        const { rows } = await pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2 AND objid IN (hashtext($1)::oid, hashtext($2)::oid)`,
          [interactive, bulk],
        );
        return rows[0]!.n === 2 ? true : null;
      });
      // Jobs each lane took a minute ago (due in an hour, so the running worker cannot take them first).
      const held: string[] = [];
      for (const lockId of [interactive, bulk]) {
        const { rows } = await pool.query<{ id: string }>(`SELECT id FROM graphile_worker.add_job('heartbeat-noop', '{}'::json, run_at => now() + interval '1 hour')`);
        await pool.query(`UPDATE graphile_worker._private_jobs SET locked_by = $1, locked_at = now() - interval '1 minute' WHERE id = $2`, [lockId, rows[0]!.id]);
        held.push(rows[0]!.id);
      }
      expect(await releaseOrphanedJobs(pool)).toBe(0);
      expect(await Promise.all(held.map(lockOf))).toEqual([interactive, bulk]);
      await pool.query(`DELETE FROM graphile_worker._private_jobs WHERE id = ANY($1::bigint[])`, [held]);
    } finally {
      await worker.stop();
    }
  });
});
