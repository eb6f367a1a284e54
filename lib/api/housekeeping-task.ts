import { sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "../db/client";
import { defineTask } from "../jobs/define-task";

/**
 * Forgets what the API and the chat only need briefly: rate-limit windows older than a few
 * minutes and Idempotency-Keys older than 24 hours (the documented retry horizon).
 */
export const apiHousekeepingTask = defineTask("api-housekeeping", z.object({}), async () => {
  const db = getDb();
  await db.execute(sql`DELETE FROM api_rate_limits WHERE window_start < now() - interval '5 minutes'`);
  await db.execute(sql`DELETE FROM chat_rate_limits WHERE window_start < now() - interval '5 minutes'`);
  await db.execute(sql`DELETE FROM idempotency_keys WHERE created_at < now() - interval '24 hours'`);
});
