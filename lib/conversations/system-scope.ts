import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { conversations } from "@/lib/db/schema/conversations";
import { workspaces } from "@/lib/db/schema/workspaces";
import type { Actor, ServiceWorkspace } from "@/lib/services/service-context";
import { workspaceIsLive } from "@/lib/workspace/live-workspace";

/**
 * Parley itself acting on a conversation's workspace: what a job that only knows a conversation
 * id passes runService. Null when the conversation no longer exists (or its workspace is being deleted).
 */
export async function systemScopeOfConversation(db: DbOrTx, conversationId: string): Promise<{ workspace: ServiceWorkspace; actor: Actor } | null> {
  const [row] = await db
    .select({ id: workspaces.id, plan: workspaces.plan })
    .from(conversations)
    .innerJoin(workspaces, and(eq(workspaces.id, conversations.workspaceId), workspaceIsLive()))
    .where(eq(conversations.id, conversationId));
  return row ? { workspace: { id: row.id, plan: row.plan }, actor: { type: "system" } } : null;
}

/** Parley itself acting in a workspace (a job that knows only the workspace); null once it is gone or being deleted. */
export async function systemScopeOfWorkspace(db: DbOrTx, workspaceId: string): Promise<{ workspace: ServiceWorkspace; actor: Actor } | null> {
  const [row] = await db
    .select({ id: workspaces.id, plan: workspaces.plan })
    .from(workspaces)
    .where(and(eq(workspaces.id, workspaceId), workspaceIsLive()));
  return row ? { workspace: { id: row.id, plan: row.plan }, actor: { type: "system" } } : null;
}
