import { and, eq } from "drizzle-orm";
import { route } from "@/lib/api/route-handler";
import { getWorkspaceAccess } from "@/lib/auth/membership";
import { requireSessionUser } from "@/lib/auth/session";
import { conversationContactIsLive } from "@/lib/contacts/live-contact";
import { getDb } from "@/lib/db/client";
import { conversations } from "@/lib/db/schema/conversations";
import { notFound } from "@/lib/errors";
import { notifyPresence, presenceAllowed, PRESENCE_EVENTS } from "@/lib/live/presence";
import { uuidSchema } from "@/lib/validation/uuid";
import { findMemberName } from "@/lib/workspace/member-name";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ workspaceId: string; conversationId: string }> };

/** The agent is writing a reply: the contact's chat shows "<name> is typing…". Nothing is stored. */
export const POST = route(async (_request: Request, context: Context) => {
  const user = await requireSessionUser();
  const { workspaceId, conversationId } = await context.params;
  if (!uuidSchema.safeParse(workspaceId).success || !uuidSchema.safeParse(conversationId).success) throw notFound("That conversation");
  const access = await getWorkspaceAccess(user.id, workspaceId);
  if (!presenceAllowed(`agent:${user.id}:${conversationId}`)) return new Response(null, { status: 204 });
  const db = getDb();
  const [conversation] = await db
    .select({ contactId: conversations.contactId })
    .from(conversations)
    .where(and(eq(conversations.id, conversationId), eq(conversations.workspaceId, access.workspace.id), conversationContactIsLive()));
  if (!conversation) throw notFound("That conversation");
  const name = await findMemberName(db, access.workspace.id, user.id);
  await notifyPresence(db, { workspaceId: access.workspace.id, conversationId, contactId: conversation.contactId, type: PRESENCE_EVENTS.agentTyping, userId: user.id, name });
  return new Response(null, { status: 204 });
});
