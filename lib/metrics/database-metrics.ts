import { count, inArray, eq, sql } from "drizzle-orm";
import { Gauge, Registry } from "prom-client";
import { getDb } from "@/lib/db/client";
import { emailDeliveries } from "@/lib/db/schema/email";
import { webhookDeliveries } from "@/lib/db/schema/platform";
import { smsDeliveries } from "@/lib/db/schema/sms";

/**
 * Gauges that are database state, read from PostgreSQL when /api/metrics is scraped: the same
 * figures whichever web process answers and however many workers run, so they are served by the
 * web process only (a worker's own port has no database gauges, which would only repeat these).
 */
export async function databaseMetricsText(): Promise<string> {
  const registry = new Registry();
  const queue = new Gauge({
    name: "parley_job_queue_depth",
    help: "graphile-worker jobs by state: ready (due, waiting for a worker), running (locked by a worker), scheduled (due later), failed (out of attempts).",
    labelNames: ["state"] as const,
    registers: [registry],
  });
  const outbox = new Gauge({
    name: "parley_outbox_backlog",
    help: "Messages and events written but not yet sent, by outbox (sms, email, webhooks).",
    labelNames: ["outbox"] as const,
    registers: [registry],
  });
  const db = getDb();
  // graphile-worker's own schema has no drizzle declaration; one pass over its jobs view.
  const jobs = await db.execute<{ ready: number; running: number; scheduled: number; failed: number }>(sql`
    SELECT count(*) FILTER (WHERE locked_at IS NULL AND attempts < max_attempts AND run_at <= now())::int AS ready,
           count(*) FILTER (WHERE locked_at IS NOT NULL)::int AS running,
           count(*) FILTER (WHERE locked_at IS NULL AND attempts < max_attempts AND run_at > now())::int AS scheduled,
           count(*) FILTER (WHERE attempts >= max_attempts)::int AS failed
    FROM graphile_worker.jobs`);
  const row = jobs.rows[0];
  for (const state of ["ready", "running", "scheduled", "failed"] as const) queue.set({ state }, Number(row?.[state] ?? 0));

  const [sms] = await db.select({ n: count() }).from(smsDeliveries).where(inArray(smsDeliveries.status, ["queued", "sending"]));
  const [email] = await db.select({ n: count() }).from(emailDeliveries).where(inArray(emailDeliveries.status, ["queued", "sending"]));
  const [webhooks] = await db.select({ n: count() }).from(webhookDeliveries).where(eq(webhookDeliveries.status, "pending"));
  outbox.set({ outbox: "sms" }, sms?.n ?? 0);
  outbox.set({ outbox: "email" }, email?.n ?? 0);
  outbox.set({ outbox: "webhooks" }, webhooks?.n ?? 0);
  return registry.metrics();
}
