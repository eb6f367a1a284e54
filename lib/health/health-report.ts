import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { componentLogger } from "@/lib/logging/logger";

export type HealthStatus = "ok" | "degraded" | "down";

export type HealthReport = {
  status: HealthStatus;
  database: { ok: boolean; latencyMs?: number; error?: string };
  worker: { ok: boolean; alive: number; workers: { id: string; hostname: string; pid: number; lastSeenSecondsAgo: number }[]; queuedJobs?: number };
};

/** Liveness of the pieces Parley needs: the database and at least one worker with a fresh heartbeat. */
export async function healthReport(): Promise<HealthReport> {
  const report: HealthReport = { status: "ok", database: { ok: false }, worker: { ok: false, alive: 0, workers: [] } };
  try {
    const started = performance.now();
    const db = getDb();
    await db.execute(sql`SELECT 1`);
    report.database = { ok: true, latencyMs: Math.round(performance.now() - started) };
    const beats = await db.execute<{ worker_id: string; hostname: string; pid: number; age: number }>(
      sql`SELECT worker_id, hostname, pid, EXTRACT(EPOCH FROM now() - seen_at)::float AS age
          FROM worker_heartbeats WHERE seen_at > now() - interval '30 seconds' ORDER BY seen_at DESC`,
    );
    const queued = await db.execute<{ count: number }>(
      sql`SELECT count(*)::int AS count FROM graphile_worker.jobs WHERE locked_at IS NULL AND run_at <= now()`,
    );
    report.worker = {
      ok: beats.rows.length > 0,
      alive: beats.rows.length,
      workers: beats.rows.map((b) => ({ id: b.worker_id, hostname: b.hostname, pid: b.pid, lastSeenSecondsAgo: Math.round(b.age) })),
      queuedJobs: queued.rows[0]?.count ?? 0,
    };
  } catch (error) {
    report.database = { ok: false, error: "The database cannot be reached." };
    componentLogger("health").error({ err: error }, "database check failed");
  }
  report.status = !report.database.ok ? "down" : report.worker.ok ? "ok" : "degraded";
  return report;
}
