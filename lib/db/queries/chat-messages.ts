import "server-only";
import { and, desc, eq, gt, isNull, ne, not, notExists, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { renderStoredHtml } from "@/lib/rich-text/render";
import type { RichTextDocument } from "@/lib/rich-text/document-schema";
import { getDb } from "@/lib/db/client";
import { CHAT_URL_TTL_SECONDS, signedAttachmentPath } from "@/lib/attachments/attachment-url";
import type { DbOrTx } from "@/lib/db/client";
import { messageAttachments } from "@/lib/db/schema/attachments";
import { attachmentsOfMessages, findServable, type ShownAttachment } from "./message-attachments";
import { conversations, messages } from "@/lib/db/schema/conversations";
import { users } from "@/lib/db/schema/workspaces";

export type ChatScope = { workspaceId: string; channelId: string; contactId: string; sessionId: string };

export type ChatMessage = {
  id: string;
  conversationId: string;
  own: boolean;
  authorName: string;
  authorAvatarUrl: string | null;
  html: string;
  /** Each with a signed URL: the page's <img> cannot send the session header. */
  attachments: ShownAttachment[];
  createdAt: string;
};

const CHAT_HISTORY_LIMIT = 200;

/**
 * The conversations a chat session may read: its own contact's, on its own channel, in its own
 * workspace; addressed to this session or to the contact's chat in general. A From Contact
 * conversation still waiting as a campaign was never delivered to the contact, so it is hidden.
 */
export function chatConversationScope(scope: ChatScope) {
  return and(
    eq(conversations.workspaceId, scope.workspaceId),
    eq(conversations.channelId, scope.channelId),
    eq(conversations.contactId, scope.contactId),
    or(isNull(conversations.customerDestination), eq(conversations.customerDestination, ""), eq(conversations.customerDestination, scope.sessionId)),
    or(ne(conversations.direction, "from_contact"), ne(conversations.state, "campaign")),
  )!;
}

const earlier = alias(messages, "earlier_message");

/**
 * The first message of a From Contact conversation that a workflow or the API started: recorded
 * as the contact's so the inbox reads it as them waiting for an answer, but the contact never
 * wrote it and nothing was delivered, so their chat must not show it as theirs. (A conversation
 * the contact really opened by writing in has origin "inbound"; its first message is theirs.)
 * The start writes that message in the statement that creates the conversation, so it is the
 * conversation's earliest message, and anything after it was really delivered or written.
 */
function recordedForTheContact() {
  return and(
    eq(messages.authorType, "contact"),
    eq(conversations.direction, "from_contact"),
    ne(conversations.origin, "inbound"),
    notExists(
      getDb()
        .select({ one: sql`1` })
        .from(earlier)
        .where(
          and(
            eq(earlier.conversationId, messages.conversationId),
            or(gt(messages.createdAt, earlier.createdAt), and(eq(messages.createdAt, earlier.createdAt), gt(messages.id, earlier.id))),
          ),
        ),
    ),
  )!;
}

/**
 * Messages the contact sees: only those delivered to them or written by them, so never notes and
 * never what was recorded in their name. HTML is rendered here from the stored document.
 */
export async function listChatMessages(scope: ChatScope): Promise<ChatMessage[]> {
  const rows = await getDb()
    .select({
      id: messages.id,
      conversationId: messages.conversationId,
      authorType: messages.authorType,
      authorName: messages.authorName,
      userName: users.name,
      userAvatarUrl: users.avatarUrl,
      body: messages.body,
      createdAt: messages.createdAt,
    })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .leftJoin(users, eq(users.id, messages.authorUserId))
    .where(and(eq(messages.workspaceId, scope.workspaceId), eq(messages.kind, "message"), chatConversationScope(scope), not(recordedForTheContact())))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(CHAT_HISTORY_LIMIT);

  const files = await attachmentsOfMessages(getDb(), scope.workspaceId, rows.map((row) => row.id));
  return rows.reverse().map((row) => ({
    id: row.id,
    conversationId: row.conversationId,
    own: row.authorType === "contact",
    authorName: row.authorType === "contact" ? "You" : (row.userName ?? row.authorName ?? "Support"),
    authorAvatarUrl: row.authorType === "contact" ? null : (row.userAvatarUrl ?? null),
    html: renderStoredHtml(row.body as RichTextDocument),
    attachments: (files.get(row.id) ?? []).map((file) => ({ ...file, url: signedAttachmentPath(file.id, CHAT_URL_TTL_SECONDS) })),
    createdAt: row.createdAt.toISOString(),
  }));
}

/** Whether a conversation is one this chat session may hear about (for live events). */
export async function chatCanSeeConversation(scope: ChatScope, conversationId: string): Promise<boolean> {
  const rows = await getDb()
    .select({ one: sql<number>`1` })
    .from(conversations)
    .where(and(eq(conversations.id, conversationId), chatConversationScope(scope)));
  return rows.length > 0;
}

/**
 * An attachment this chat session may read: on a message the contact sees (never a note, only
 * their own conversations on this channel), or their own upload not sent yet.
 */
export function findChatAttachment(db: DbOrTx, scope: ChatScope, attachmentId: string) {
  return findServable(
    db,
    and(
      eq(messageAttachments.id, attachmentId),
      eq(messageAttachments.workspaceId, scope.workspaceId),
      or(
        and(eq(messages.kind, "message"), chatConversationScope(scope)),
        and(isNull(messageAttachments.messageId), eq(messageAttachments.uploadedByContactId, scope.contactId)),
      ),
    )!,
    "chat",
  );
}

