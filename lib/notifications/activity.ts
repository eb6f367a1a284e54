import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { agentActivity } from "@/lib/db/schema/notifications";

/**
 * "Active in the app" means a live stream of the inbox open (app/api/events): it records the
 * moment on open and again every ACTIVITY_REFRESH_MS while it stays open, so a person seen within
 * ACTIVE_WINDOW_SECONDS has a tab open. Kept in PostgreSQL so every web process and the worker
 * agree; one row per person, written at most once per refresh interval per stream.
 */
export const ACTIVITY_REFRESH_MS = 60_000;
export const ACTIVE_WINDOW_SECONDS = 150;

export async function touchAgentActivity(db: DbOrTx, userId: string): Promise<void> {
  await db
    .insert(agentActivity)
    .values({ userId, lastActiveAt: sql`now()` })
    .onConflictDoUpdate({
      target: agentActivity.userId,
      set: { lastActiveAt: sql`now()` },
      // Several tabs refresh the same row: skip the write when another did it moments ago.
      setWhere: sql`${agentActivity.lastActiveAt} < now() - interval '20 seconds'`,
    });
}
