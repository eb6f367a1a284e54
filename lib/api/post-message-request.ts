import { and, eq } from "drizzle-orm";
import { conversationContactIsLive } from "@/lib/contacts/live-contact";
import { conversations } from "@/lib/db/schema/conversations";
import { postAgentMessage, postBotMessage } from "@/lib/conversations/agent-actions";
import { recordContactMessage } from "@/lib/conversations/record-contact-message";
import { recordContactMessageSchema } from "@/lib/conversations/record-contact-message.validation";
import { SafeError } from "@/lib/errors";
import { uuidSchema } from "@/lib/validation/uuid";
import type { ApiServiceContext } from "./api-route";
import type { ApiResult } from "./idempotency";
import { messageDocument, messagePlainText } from "./message-input";
import { readConversation } from "./read-conversation";
import type { PostMessageBody } from "./schemas/conversations";

/**
 * POST /api/v1/conversations/{id}/messages. As the contact, the message goes through the same
 * path as a reply on the channel (so it opens a waiting campaign); the response names the
 * conversation it landed in, which is a new inbound one if this conversation was closed.
 * As a bot, the message is stored under the bot's name (author type bot); a bot writes no notes.
 * The Idempotency-Key doubles as the message's dedupe key.
 */
export async function postMessageRequest(
  ctx: ApiServiceContext,
  input: { conversationId: string; body: PostMessageBody; idempotencyKey: string | null },
): Promise<ApiResult> {
  const { body } = input;
  const [conversation] = await ctx.tx
    .select({ id: conversations.id, channelId: conversations.channelId, contactId: conversations.contactId, destination: conversations.customerDestination })
    .from(conversations)
    .where(and(eq(conversations.id, input.conversationId), eq(conversations.workspaceId, ctx.workspace.id), conversationContactIsLive()));
  if (!conversation) throw new SafeError("not_found", "No such conversation in this workspace.");
  const dedupeKey = input.idempotencyKey ? `api:${ctx.actor.apiKeyId}:${input.idempotencyKey}` : undefined;
  const answer = async (messageId: string | null, conversationId: string): Promise<ApiResult> => ({
    status: 201,
    body: { messageId, conversation: await readConversation(ctx.tx, ctx.workspace.id, conversationId) },
  });

  if (body.author.type === "contact") {
    if (body.kind === "note") throw new SafeError("invalid_input", "A contact cannot write notes.");
    const recorded = await recordContactMessage(
      ctx,
      recordContactMessageSchema.parse({
        channelId: conversation.channelId,
        contactId: conversation.contactId,
        text: messagePlainText(body.message),
        sessionId: uuidSchema.safeParse(conversation.destination).success ? conversation.destination : null,
        dedupeKey,
      }),
    );
    return answer(recorded.messageId, recorded.conversationId);
  }

  if (body.author.type === "bot") {
    if (body.kind === "note") throw new SafeError("invalid_input", "A bot cannot write notes.");
    const posted = await postBotMessage(ctx, { conversationId: conversation.id, name: body.author.name, body: messageDocument(body.message), dedupeKey });
    return answer(posted.messageId || null, conversation.id);
  }

  const posted = await postAgentMessage(ctx, {
    conversationId: conversation.id,
    authorUserId: body.author.userId,
    kind: body.kind,
    body: messageDocument(body.message),
    dedupeKey,
  });
  return answer(posted.messageId || null, conversation.id);
}
