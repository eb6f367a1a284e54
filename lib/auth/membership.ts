import "server-only";
import { and, eq } from "drizzle-orm";
import { cache } from "react";
import { getDb } from "@/lib/db/client";
import { memberships, users, workspaces, type Role, type Workspace } from "@/lib/db/schema/workspaces";
import { forbidden, notFound } from "@/lib/errors";
import { uuidSchema } from "@/lib/validation/uuid";
import { workspaceIsLive } from "@/lib/workspace/live-workspace";

export type WorkspaceAccess = { workspace: Workspace; role: Role };

/** Builders design and publish workflows and change settings; agents work the inbox. */
export const BUILDER_ROLES: readonly Role[] = ["owner", "admin"];
export const ROLE_RANK: Record<Role, number> = { agent: 0, admin: 1, owner: 2 };

const workspaceIdSchema = uuidSchema;

/** The user's access to a workspace, read fresh; null when they are not a member (or it does not exist, or is being deleted). */
export async function findWorkspaceAccess(userId: string, workspaceId: string): Promise<WorkspaceAccess | null> {
  if (!workspaceIdSchema.safeParse(workspaceId).success) return null;
  const [row] = await getDb()
    .select({ workspace: workspaces, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(and(eq(memberships.userId, userId), eq(memberships.workspaceId, workspaceId), workspaceIsLive()));
  return row ?? null;
}

/**
 * The user's access to a workspace, once per request. A workspace the user is not a member of is
 * "not found", exactly like one that does not exist, so ids cannot be probed. Checks repeated over
 * a long request (a live stream) use findWorkspaceAccess, which this cache would keep answering.
 */
export const getWorkspaceAccess = cache(async (userId: string, workspaceId: string): Promise<WorkspaceAccess> => {
  const access = await findWorkspaceAccess(userId, workspaceId);
  if (!access) throw notFound("That workspace");
  return access;
});

export function assertRole(access: WorkspaceAccess, minimum: Role): void {
  if (ROLE_RANK[access.role] < ROLE_RANK[minimum]) {
    throw forbidden(minimum === "owner" ? "Only the workspace owner can do that." : "Only workspace admins can do that.");
  }
}

export async function listUserWorkspaces(userId: string) {
  return getDb()
    .select({ id: workspaces.id, name: workspaces.name, plan: workspaces.plan, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(and(eq(memberships.userId, userId), workspaceIsLive()))
    .orderBy(workspaces.name);
}

export type WorkspaceMember = { id: string; name: string; email: string; avatarUrl: string | null; role: Role };

/** Everyone in the workspace, owners first, then by name. */
export async function listWorkspaceMembers(workspaceId: string): Promise<WorkspaceMember[]> {
  const members = await getDb()
    .select({ id: users.id, name: users.name, email: users.email, avatarUrl: users.avatarUrl, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(users.name);
  return members.sort((a, b) => ROLE_RANK[b.role] - ROLE_RANK[a.role]);
}
