import { eq, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/lib/db/client";
import { agentActivity } from "@/lib/db/schema/agent-activity";
import { readEnv } from "@/lib/env";

/**
 * "Active in the app" means a live stream open (app/api/events), on any workspace: it records the
 * moment on open and again every ACTIVITY_REFRESH_MS while it stays open, so a person seen within
 * ACTIVE_WINDOW_SECONDS has a tab open. ONE record (agent_activity) read by both the "unanswered"
 * mail (lib/notifications) and round robin's availability (lib/round-robin); one row per person,
 * written at most once per refresh interval however many tabs they have.
 */
export const ACTIVITY_REFRESH_MS = 60_000;
export const ACTIVE_WINDOW_SECONDS = 150;

/**
 * Records that the person has the app open. `returned` says they had been idle longer than
 * PARLEY_AGENT_IDLE_MINUTES (or never seen) until now: round robin counted them as Away, so
 * conversations waiting for someone may now be theirs.
 */
export async function touchAgentActivity(db: DbOrTx, userId: string): Promise<{ returned: boolean }> {
  const [before] = await db
    .select({ idle: sql<boolean>`${agentActivity.lastActiveAt} <= now() - make_interval(mins => ${readEnv().PARLEY_AGENT_IDLE_MINUTES})` })
    .from(agentActivity)
    .where(eq(agentActivity.userId, userId));
  await db
    .insert(agentActivity)
    .values({ userId, lastActiveAt: sql`now()` })
    .onConflictDoUpdate({
      target: agentActivity.userId,
      set: { lastActiveAt: sql`now()` },
      // Several tabs refresh the same row: skip the write when another did it moments ago.
      setWhere: sql`${agentActivity.lastActiveAt} < now() - interval '20 seconds'`,
    });
  return { returned: !before || before.idle };
}

/** The person whose id is in `userId` (a column of the outer query) has had the app open within the last `minutes`. */
export function activeWithinMinutes(userId: AnyPgColumn | SQL, minutes: number): SQL {
  return sql`EXISTS (SELECT 1 FROM ${agentActivity} WHERE ${agentActivity.userId} = ${userId} AND ${agentActivity.lastActiveAt} > now() - make_interval(mins => ${minutes}))`;
}
