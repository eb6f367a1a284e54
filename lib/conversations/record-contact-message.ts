import { timeOrderedId } from "../db/time-ordered-id";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type DbOrTx, type Tx } from "../db/client";
import { notFound } from "../errors";
import { contactTextToContent, previewOf } from "./message-content";
import { notifyConversationEvents, type ConversationNotification } from "./notify";
import { openConversations } from "./open-conversation";
import { writeMessageOutbox } from "./outbox";
import { transitionConversations } from "./transition";

export const recordContactMessageInput = z.object({
  workspaceId: z.uuid(),
  channelId: z.uuid(),
  contactId: z.uuid(),
  text: z.string().trim().min(1, "Write a message.").max(20_000),
  /** The chat session it was written in; a campaign pinned to another session is not its answer. */
  sessionId: z.uuid().nullish(),
  /** A provider's message id (SMS) or a client nonce: a resent message lands once. */
  dedupeKey: z.string().min(1).max(200).nullish(),
});
export type RecordContactMessageInput = z.input<typeof recordContactMessageInput>;

export type RecordedContactMessage = {
  conversationId: string;
  messageId: string;
  /** The conversation was a campaign and this reply opened it. */
  opened: boolean;
  /** No conversation could take it, so a new inbound one was created. */
  createdConversation: boolean;
  duplicate: boolean;
};

type Target = { id: string; state: "campaign" | "open" | "snoozed"; third_party: boolean };

async function findTarget(tx: Tx, input: z.infer<typeof recordContactMessageInput>): Promise<Target | undefined> {
  const session = input.sessionId
    ? sql`AND (customer_destination IS NULL OR customer_destination = '' OR customer_destination = ${input.sessionId})`
    : sql``;
  // The newest unanswered campaign is what the contact is answering; otherwise the ongoing conversation.
  const found = await tx.execute<Target>(sql`
    (SELECT id, state, third_party FROM conversations
     WHERE workspace_id = ${input.workspaceId} AND contact_id = ${input.contactId} AND channel_id = ${input.channelId}
       AND state = 'campaign' ${session}
     ORDER BY created_at DESC LIMIT 1)
    UNION ALL
    (SELECT id, state, third_party FROM conversations
     WHERE workspace_id = ${input.workspaceId} AND contact_id = ${input.contactId} AND channel_id = ${input.channelId}
       AND state IN ('open', 'snoozed') ${session}
     ORDER BY last_message_at DESC LIMIT 1)`);
  return found.rows[0];
}

/**
 * A contact wrote in on a channel (the chat page, an SMS webhook). The message goes to the
 * contact's newest campaign on that channel, which opens (the reply that makes it appear in the
 * inbox, fires "Conversation started" and resumes waiting runs); else to their open or snoozed
 * conversation (a snoozed one wakes); else to a new inbound conversation. One transaction.
 */
export async function recordContactMessage(raw: RecordContactMessageInput, db: DbOrTx = getDb()): Promise<RecordedContactMessage> {
  const input = recordContactMessageInput.parse(raw);
  return db.transaction(async (tx) => {
    const contact = await tx.execute<{ name: string | null }>(sql`
      SELECT nullif(trim(concat_ws(' ', c.first_name, c.last_name)), '') AS name
      FROM contacts c JOIN channels ch ON ch.workspace_id = c.workspace_id AND ch.id = ${input.channelId}
      WHERE c.id = ${input.contactId} AND c.workspace_id = ${input.workspaceId}`);
    if (contact.rows.length === 0) throw notFound("That contact or channel");
    // Serialises one contact's messages on one channel, so two at once cannot both create a conversation.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${input.contactId}), hashtext(${input.channelId}))`);

    const content = contactTextToContent(input.text);
    let target = await findTarget(tx, input);
    if (target) {
      // Locked before anything else changes it: a workflow closing this campaign right now either
      // finishes first (and the message starts a new conversation) or waits for this reply.
      const locked = await tx.execute<Target | { id: string; state: "closed"; third_party: boolean }>(
        sql`SELECT id, state, third_party FROM conversations WHERE id = ${target.id} FOR UPDATE`,
      );
      const row = locked.rows[0];
      target = row && row.state !== "closed" ? (row as Target) : undefined;
    }
    let createdConversation = false;
    if (!target) {
      const id = timeOrderedId();
      await tx.execute(sql`
        INSERT INTO conversations (id, workspace_id, contact_id, channel_id, origin, direction, open_mode, state, opened_at,
          replied_at, customer_destination, last_message_at, last_message_preview)
        VALUES (${id}, ${input.workspaceId}, ${input.contactId}, ${input.channelId}, 'inbound', 'from_contact', 'immediately',
          'open', now(), now(), ${input.sessionId ?? null}, now(), '')`);
      await tx.execute(sql`UPDATE contacts SET last_conversation_opened_at = now(), updated_at = now() WHERE id = ${input.contactId}`);
      target = { id, state: "open", third_party: false };
      createdConversation = true;
    }

    const messageId = timeOrderedId();
    const inserted = await tx.execute<{ id: string }>(sql`
      INSERT INTO messages (id, workspace_id, conversation_id, kind, author_type, author_contact_id, author_name, body, html, text, dedupe_key)
      VALUES (${messageId}, ${input.workspaceId}, ${target.id}, 'message', 'contact', ${input.contactId}, ${contact.rows[0]!.name},
        ${JSON.stringify(content.json)}::jsonb, ${content.html}, ${content.text}, ${input.dedupeKey ?? null})
      ON CONFLICT (conversation_id, dedupe_key) DO NOTHING
      RETURNING id`);
    if (inserted.rows.length === 0) {
      const [existing] = (
        await tx.execute<{ id: string }>(sql`SELECT id FROM messages WHERE conversation_id = ${target.id} AND dedupe_key = ${input.dedupeKey ?? null}`)
      ).rows;
      return { conversationId: target.id, messageId: existing!.id, opened: false, createdConversation: false, duplicate: true };
    }

    await tx.execute(sql`
      UPDATE conversations SET last_message_at = now(), last_message_preview = ${previewOf(content.text)},
        waiting_since = coalesce(waiting_since, now()), updated_at = now()
      WHERE id = ${target.id}`);

    const events: ConversationNotification[] = [];
    const event = (type: ConversationNotification["type"]) => events.push({ workspaceId: input.workspaceId, conversationId: target.id, type });
    if (createdConversation) event("conversation.created");
    let opened = false;
    if (target.state === "campaign") opened = (await openConversations(tx, [target.id], { reason: "reply" })).length > 0;
    if (target.state === "snoozed" && (await transitionConversations(tx, "wake", [target.id], { set: sql`snoozed_until = NULL` })).length > 0) {
      event("conversation.woken");
    }
    event("message.created");
    await notifyConversationEvents(tx, events);
    if (target.third_party) await writeMessageOutbox(tx, [messageId]);
    return { conversationId: target.id, messageId, opened, createdConversation, duplicate: false };
  });
}
