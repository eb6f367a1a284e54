import { and, eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { memberships, workspaces } from "@/lib/db/schema/workspaces";
import type { Actor, ServiceWorkspace } from "@/lib/services/service-context";

export type ServiceScope = { workspace: ServiceWorkspace; actor: Actor };

/** What a server action passes a service for this member: their workspace (with its plan) and role, read from the database. */
export async function asMember(workspaceId: string, userId: string): Promise<ServiceScope> {
  const [membership] = await getDb()
    .select({ plan: workspaces.plan, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  if (!membership) throw new Error(`user ${userId} is not a member of workspace ${workspaceId}`);
  return { workspace: { id: workspaceId, plan: membership.plan }, actor: { type: "user", userId, role: membership.role } };
}

/** The scope of Parley itself acting in a workspace (jobs, the engine). */
export async function asSystem(workspaceId: string): Promise<ServiceScope> {
  const [workspace] = await getDb().select({ plan: workspaces.plan }).from(workspaces).where(eq(workspaces.id, workspaceId));
  if (!workspace) throw new Error(`no workspace ${workspaceId}`);
  return { workspace: { id: workspaceId, plan: workspace.plan }, actor: { type: "system" } };
}

/** The scope of a contact writing in on a public surface (the chat, an SMS) of this workspace. */
export async function asContact(workspaceId: string, contactId: string | null): Promise<ServiceScope> {
  const { workspace } = await asSystem(workspaceId);
  return { workspace, actor: { type: "contact", contactId } };
}
