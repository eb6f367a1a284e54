import "server-only";
import { and, eq } from "drizzle-orm";
import { cache } from "react";
import { z } from "zod";
import { getDb } from "../db/client";
import { memberships, users, workspaces, type Role, type Workspace } from "../db/schema/workspaces";
import { forbidden, notFound } from "../errors";

export type WorkspaceAccess = { workspace: Workspace; role: Role };

/** Builders design and publish workflows and change settings; agents work the inbox. */
export const BUILDER_ROLES: readonly Role[] = ["owner", "admin"];
export const ROLE_RANK: Record<Role, number> = { agent: 0, admin: 1, owner: 2 };

const workspaceIdSchema = z.string().uuid();

/**
 * The user's access to a workspace. A workspace the user is not a member of is "not found",
 * exactly like one that does not exist, so ids cannot be probed.
 */
export const getWorkspaceAccess = cache(async (userId: string, workspaceId: string): Promise<WorkspaceAccess> => {
  if (!workspaceIdSchema.safeParse(workspaceId).success) throw notFound("That workspace");
  const [row] = await getDb()
    .select({ workspace: workspaces, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(and(eq(memberships.userId, userId), eq(memberships.workspaceId, workspaceId)));
  if (!row) throw notFound("That workspace");
  return row;
});

/**
 * Whether the user is a member right now, read fresh every time: for checks repeated over a long
 * request (a live stream), where getWorkspaceAccess's per-request cache would keep answering yes.
 */
export async function isMemberNow(userId: string, workspaceId: string): Promise<boolean> {
  const rows = await getDb()
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.workspaceId, workspaceId)));
  return rows.length > 0;
}

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
    .where(eq(memberships.userId, userId))
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
