import "server-only";
import { and, eq } from "drizzle-orm";
import type { InboxFilters } from "@/lib/inbox/filters";
import { notFound } from "@/lib/errors";
import { getDb, type DbOrTx } from "@/lib/db/client";
import { channels } from "@/lib/db/schema/channels";
import { workflows } from "@/lib/db/schema/workflows";
import { memberships, teams } from "@/lib/db/schema/workspaces";

/**
 * Every id a saved filter names must exist in the workspace; otherwise it is "not found", so a
 * view cannot be used to probe another workspace's ids.
 */
export async function assertFilterReferencesInWorkspace(workspaceId: string, filters: InboxFilters, db: DbOrTx = getDb()): Promise<void> {
  const checks: Promise<void>[] = [];
  if (filters.workflowId) {
    const id = filters.workflowId;
    checks.push(
      db
        .select({ id: workflows.id })
        .from(workflows)
        .where(and(eq(workflows.workspaceId, workspaceId), eq(workflows.id, id)))
        .then((rows) => {
          if (rows.length === 0) throw notFound("That workflow");
        }),
    );
  }
  if (filters.assignee && filters.assignee !== "me" && filters.assignee !== "unassigned") {
    const id = filters.assignee;
    checks.push(
      db
        .select({ id: memberships.userId })
        .from(memberships)
        .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, id)))
        .then((rows) => {
          if (rows.length === 0) throw notFound("That teammate");
        }),
    );
  }
  if (filters.team && filters.team !== "none") {
    const id = filters.team;
    checks.push(
      db
        .select({ id: teams.id })
        .from(teams)
        .where(and(eq(teams.workspaceId, workspaceId), eq(teams.id, id)))
        .then((rows) => {
          if (rows.length === 0) throw notFound("That team");
        }),
    );
  }
  if (filters.channelId) {
    const id = filters.channelId;
    checks.push(
      db
        .select({ id: channels.id })
        .from(channels)
        .where(and(eq(channels.workspaceId, workspaceId), eq(channels.id, id)))
        .then((rows) => {
          if (rows.length === 0) throw notFound("That channel");
        }),
    );
  }
  await Promise.all(checks);
}
