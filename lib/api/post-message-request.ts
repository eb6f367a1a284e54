import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "../db/client";
import { conversations } from "../db/schema/conversations";
import { postAgentMessage, postBotMessage } from "../conversations/agent-actions";
import { recordContactMessage } from "../conversations/record-contact-message";
import { SafeError } from "../errors";
import type { ApiCaller } from "./authenticate";
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
  tx: Tx,
  caller: ApiCaller,
  conversationId: string,
  body: PostMessageBody,
  idempotencyKey: string | null,
): Promise<ApiResult> {
  const [conversation] = await tx
    .select({ id: conversations.id, channelId: conversations.channelId, contactId: conversations.contactId, destination: conversations.customerDestination })
    .from(conversations)
    .where(and(eq(conversations.id, conversationId), eq(conversations.workspaceId, caller.workspaceId)));
  if (!conversation) throw new SafeError("not_found", "No such conversation in this workspace.");
  const dedupeKey = idempotencyKey ? `api:${caller.apiKeyId}:${idempotencyKey}` : undefined;

  if (body.author.type === "contact") {
    if (body.kind === "note") throw new SafeError("invalid_input", "A contact cannot write notes.");
    const recorded = await recordContactMessage(
      {
        workspaceId: caller.workspaceId,
        channelId: conversation.channelId,
        contactId: conversation.contactId,
        text: messagePlainText(body.message),
        sessionId: z.uuid().safeParse(conversation.destination).success ? conversation.destination : null,
        dedupeKey,
      },
      tx,
    );
    return {
      status: 201,
      body: { messageId: recorded.messageId, conversation: await readConversation(tx, caller.workspaceId, recorded.conversationId) },
    };
  }

  if (body.author.type === "bot") {
    if (body.kind === "note") throw new SafeError("invalid_input", "A bot cannot write notes.");
    const posted = await postBotMessage(
      { workspaceId: caller.workspaceId, conversationId: conversation.id, name: body.author.name, body: messageDocument(body.message), dedupeKey },
      tx,
    );
    return {
      status: 201,
      body: { messageId: posted.messageId || null, conversation: await readConversation(tx, caller.workspaceId, conversation.id) },
    };
  }

  const posted = await postAgentMessage(
    {
      workspaceId: caller.workspaceId,
      conversationId: conversation.id,
      userId: body.author.userId,
      kind: body.kind,
      body: messageDocument(body.message),
      dedupeKey,
    },
    tx,
  );
  return {
    status: 201,
    body: { messageId: posted.messageId || null, conversation: await readConversation(tx, caller.workspaceId, conversation.id) },
  };
}
