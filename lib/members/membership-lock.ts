import { and, count, eq } from "drizzle-orm";
import { memberships, workspaces, type Role } from "@/lib/db/schema/workspaces";
import { forbidden, notFound } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/service-context";
import { workspaceIsLive } from "@/lib/workspace/live-workspace";

/**
 * Serialises the changes of a workspace's memberships (role changes, removals, joins): the
 * workspace row is locked until the transaction ends (NO KEY UPDATE, so inserts elsewhere that
 * merely reference the workspace are not held up). Two owners demoting each other at the same
 * moment then run one after the other, and the second sees the first's result: the last owner
 * rule cannot be raced. Returns the acting person's role as it is now, not as it was when their
 * request began (they may have been demoted meanwhile).
 */
export async function lockMemberships(ctx: ServiceContext): Promise<{ actorRole: Role | null }> {
  // A workspace being deleted takes no membership change (an invitation accepted meanwhile would
  // otherwise add rows to what is being removed); the lock re-reads the row it waited for.
  const [workspace] = await ctx.tx
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(and(eq(workspaces.id, ctx.workspace.id), workspaceIsLive()))
    .for("no key update");
  if (!workspace) throw notFound("That workspace");
  if (ctx.actor.type !== "user") return { actorRole: null };
  const [actor] = await ctx.tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, ctx.workspace.id), eq(memberships.userId, ctx.actor.userId)));
  return { actorRole: actor?.role ?? null };
}

/** The acting member's current role, read after lockMemberships; anyone else may manage no one. */
export function requireActingRole(actorRole: Role | null): Role {
  if (!actorRole) throw forbidden();
  return actorRole;
}

/** How many owners the workspace has; call after lockMemberships so the answer holds until commit. */
export async function countOwners(ctx: ServiceContext): Promise<number> {
  const [row] = await ctx.tx
    .select({ n: count() })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, ctx.workspace.id), eq(memberships.role, "owner")));
  return row?.n ?? 0;
}
