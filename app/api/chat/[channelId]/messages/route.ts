import { NextResponse } from "next/server";
import { z } from "zod";
import { parseJsonBody, readRawBody } from "@/lib/api/read-json-body";
import { route } from "@/lib/api/route-handler";
import { attachmentIdsSchema } from "@/lib/attachments/attachments.validation";
import { pendingAttachmentNames } from "@/lib/attachments/link-attachments";
import { CHAT_BODY_BYTES } from "@/lib/chat/chat-message-body";
import { CHAT_SESSION_HEADER } from "@/lib/chat/chat-session-header";
import { requireChatContext } from "@/lib/chat/chat-request";
import { recordContactMessage } from "@/lib/conversations/record-contact-message";
import { recordContactMessageSchema } from "@/lib/conversations/record-contact-message.validation";
import { listChatMessages, type ChatScope } from "@/lib/db/queries/chat-messages";
import type { ServiceContext } from "@/lib/services/service-context";
import { getDb } from "@/lib/db/client";
import { runService } from "@/lib/services/run-service";
import { advanceFirstMessages } from "@/lib/outreach-status/first-message-status";
import { uuidSchema } from "@/lib/validation/uuid";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ channelId: string }> };

const postSchema = z
  .object({
    text: z.string().trim().max(5_000, "Keep the message under 5,000 characters.").default(""),
    // Generated per message by the page: a resent request lands once.
    clientId: uuidSchema,
    // Files the contact uploaded for this message (POST ./attachments): a message may be only files.
    attachmentIds: attachmentIdsSchema.default([]),
  })
  .refine((input) => input.text.length > 0 || input.attachmentIds.length > 0, { message: "Write a message.", path: ["text"] });

/**
 * Counted against the contact's send limit in the message's own transaction (a refused or failed
 * message does not count). A message of files only reads as their names (the inbox's preview, the search).
 */
async function recordChatMessage(ctx: ServiceContext, input: z.infer<typeof postSchema> & { scope: ChatScope; dedupeKey: string }) {
  const { scope } = input;
  const text = input.text || (await pendingAttachmentNames(ctx, input.attachmentIds, { contactId: scope.contactId })).join(", ");
  const parsed = recordContactMessageSchema.parse({
    channelId: scope.channelId,
    contactId: scope.contactId,
    sessionId: scope.sessionId,
    text,
    dedupeKey: input.dedupeKey,
    attachmentIds: input.attachmentIds,
    countsChatSend: true,
  });
  return recordContactMessage(ctx, parsed);
}

/** The messages this chat session may read: its own contact's, on this channel, never notes. */
export const GET = route(async (request: Request, { params }: Context) => {
  const { channelId } = await params;
  const { scope } = await requireChatContext(channelId, request.headers.get(CHAT_SESSION_HEADER));
  const shown = await listChatMessages(scope);
  // The contact's chat page has them now: a workflow's first messages to this contact are delivered.
  await advanceFirstMessages(getDb(), scope.workspaceId, { chat: { contactId: scope.contactId, channelId: scope.channelId } }, { status: "delivered" });
  return NextResponse.json({ messages: shown }, { headers: { "Cache-Control": "no-store" } });
});

/** The contact writes in: the state machine decides which conversation it answers or opens. */
export const POST = route(async (request: Request, { params }: Context) => {
  const { channelId } = await params;
  // The body is read first, so that a resent message's key rides on the session's look-up (one
  // statement); a bad session is still answered 404/401 before anything wrong with the body.
  const body = await readRawBody(request, CHAT_BODY_BYTES)
    .then((raw) => ({ input: parseJsonBody(request, raw, postSchema) }))
    .catch((error: unknown) => ({ error }));
  const dedupeKey = "input" in body ? `chat:${body.input.clientId}` : undefined;
  const { scope, actingAs, duplicateOf } = await requireChatContext(channelId, request.headers.get(CHAT_SESSION_HEADER), { dedupeKey });
  if ("error" in body) throw body.error;
  if (duplicateOf) return NextResponse.json({ messageId: duplicateOf }, { status: 200 });
  const recorded = await runService(actingAs, recordChatMessage, { ...body.input, scope, dedupeKey: dedupeKey! });
  return NextResponse.json({ messageId: recorded.messageId }, { status: recorded.duplicate ? 200 : 201 });
});
