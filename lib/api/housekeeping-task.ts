import { lt, sql } from "drizzle-orm";
import { z } from "zod";
import { sweepUnsentUploads } from "@/lib/attachments/sweep-unsent";
import { getDb } from "@/lib/db/client";
import { attemptWindows } from "@/lib/db/schema/accounts";
import { chatRateLimits } from "@/lib/db/schema/contacts";
import { apiRateLimits, idempotencyKeys } from "@/lib/db/schema/platform";
import { defineTask } from "@/lib/jobs/define-task";

/**
 * Forgets what the API and the chat only need briefly: rate-limit windows older than a few
 * minutes and Idempotency-Keys older than 24 hours (the documented retry horizon). Parley's own
 * bookkeeping across workspaces, not a change to any workspace: no service context.
 */
export const apiHousekeepingTask = defineTask("api-housekeeping", z.object({}), async () => {
  const db = getDb();
  await db.delete(apiRateLimits).where(lt(apiRateLimits.windowStart, sql`now() - interval '5 minutes'`));
  await db.delete(chatRateLimits).where(lt(chatRateLimits.windowStart, sql`now() - interval '5 minutes'`));
  // Attempt windows are at most a day long.
  await db.delete(attemptWindows).where(lt(attemptWindows.windowStart, sql`now() - interval '2 days'`));
  await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, sql`now() - interval '24 hours'`));
  await sweepUnsentUploads(db);
});
