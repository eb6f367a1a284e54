import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { parseJsonBody, readRawBody } from "@/lib/api/read-json-body";
import { route } from "@/lib/api/route-handler";
import { CHAT_SESSION_HEADER } from "@/lib/chat/chat-session-header";
import { requireChatContext } from "@/lib/chat/chat-request";
import { getDb } from "@/lib/db/client";
import { chatCanSeeConversation } from "@/lib/db/queries/chat-messages";
import { messages } from "@/lib/db/schema/conversations";
import { notFound } from "@/lib/errors";
import { notifyPresence, presenceAllowed, PRESENCE_EVENTS } from "@/lib/live/presence";
import { advanceFirstMessages } from "@/lib/outreach-status/first-message-status";
import { uuidSchema } from "@/lib/validation/uuid";

export const dynamic = "force-dynamic";

const bodySchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("typing"), conversationId: uuidSchema }),
  z.object({ kind: z.literal("seen"), conversationId: uuidSchema, messageId: uuidSchema }),
]);

/**
 * The contact is typing, or their chat page has shown messages up to one: told to the agents
 * over the live stream (a "seen" also marks a workflow's first message seen, lib/outreach-status). Only about the session's own conversations.
 */
export const POST = route(async (request: Request, { params }: { params: Promise<{ channelId: string }> }) => {
  const { channelId } = await params;
  const { scope } = await requireChatContext(channelId, request.headers.get(CHAT_SESSION_HEADER));
  const input = parseJsonBody(request, await readRawBody(request, 1024), bodySchema);
  const key = `contact:${scope.contactId}:${input.conversationId}:${input.kind === "seen" ? input.messageId : "typing"}`;
  if (!presenceAllowed(key)) return new Response(null, { status: 204 });
  if (!(await chatCanSeeConversation(scope, input.conversationId))) throw notFound("That conversation");
  const db = getDb();
  if (input.kind === "seen") {
    const [message] = await db
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.id, input.messageId), eq(messages.conversationId, input.conversationId), eq(messages.kind, "message")));
    if (!message) throw notFound("That message");
    // The page has shown the conversation up to this message: its first message was seen.
    await advanceFirstMessages(db, scope.workspaceId, { conversationIds: [input.conversationId] }, { status: "seen" });
  }
  await notifyPresence(db, {
    workspaceId: scope.workspaceId,
    conversationId: input.conversationId,
    contactId: scope.contactId,
    type: input.kind === "seen" ? PRESENCE_EVENTS.contactSeen : PRESENCE_EVENTS.contactTyping,
    messageId: input.kind === "seen" ? input.messageId : null,
  });
  return new Response(null, { status: 204 });
});
