import { and, eq, inArray, sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { conversations, messages } from "@/lib/db/schema/conversations";
import { emailDeliveries } from "@/lib/db/schema/email";
import type { outreachStatusEnum } from "@/lib/db/schema/enums";
import { smsDeliveries } from "@/lib/db/schema/sms";

export type OutreachStatus = (typeof outreachStatusEnum.enumValues)[number];

/**
 * THE order a first message's status moves in: a status only ever replaces a lower one, so a late
 * "delivered" never overwrites "seen" or "replied", and a retried callback changes nothing.
 * "failed" ranks with "delivered": whichever the provider reports first stands.
 */
export const OUTREACH_RANK = { queued: 0, sent: 1, delivered: 2, failed: 2, seen: 3, replied: 4 } as const satisfies Record<OutreachStatus, number>;

export const OUTREACH_STATUSES = Object.keys(OUTREACH_RANK) as OutreachStatus[];

/** The statuses a change to `status` may replace (NULL is never replaced: not a tracked first message). */
export function statusesBelow(status: OutreachStatus): OutreachStatus[] {
  return OUTREACH_STATUSES.filter((name) => OUTREACH_RANK[name] < OUTREACH_RANK[status]);
}

/** Which first messages a report is about. */
export type FirstMessageTarget =
  /** The outbox row a text was sent from (the outbox and the provider's status callback). */
  | { smsDeliveryIds: readonly number[] }
  /** The outbox row an email was sent from. */
  | { emailDeliveryIds: readonly number[] }
  /** Conversations (a reply; the chat page showing them). */
  | { conversationIds: readonly string[] }
  /** Every conversation of a contact on a chat channel (the contact's chat page loaded them). */
  | { chat: { contactId: string; channelId: string } };

export type FirstMessageChange = {
  status: Exclude<OutreachStatus, "queued">;
  reason?: string | null;
  /**
   * A bounce (a delivery status notification) that arrives after the email was accepted: the one
   * step back the order allows, "delivered" to "failed". Only with status "failed"; a message
   * already seen or replied to stays so.
   */
  bouncedAfterDelivery?: true;
};

/** The statuses `change` may replace: those below it, and "delivered" for a late bounce. */
export function statusesReplacedBy(change: FirstMessageChange): OutreachStatus[] {
  const below = statusesBelow(change.status);
  return change.bouncedAfterDelivery && change.status === "failed" ? [...below, "delivered"] : below;
}

// The first message of a workflow's conversation is the one Start a Conversation wrote, whose
// dedupe key names its node (lib/conversations/start-conversation.ts): a later agent message's
// delivery says nothing about it.
const isFirstMessage = (messageId: AnyColumn) =>
  sql`EXISTS (SELECT 1 FROM ${messages} WHERE ${messages.id} = ${messageId} AND ${messages.conversationId} = ${conversations.id}
    AND ${messages.dedupeKey} = 'start:' || ${conversations.nodeId})`;

function targetCondition(workspaceId: string, target: FirstMessageTarget): SQL | undefined {
  if ("smsDeliveryIds" in target) {
    if (target.smsDeliveryIds.length === 0) return undefined;
    return inArray(
      conversations.id,
      sql`(SELECT ${smsDeliveries.conversationId} FROM ${smsDeliveries} WHERE ${smsDeliveries.workspaceId} = ${workspaceId}
        AND ${smsDeliveries.id} = ANY(${sql.param(target.smsDeliveryIds.map(Number))}::bigint[]) AND ${isFirstMessage(smsDeliveries.messageId)})`,
    );
  }
  if ("emailDeliveryIds" in target) {
    if (target.emailDeliveryIds.length === 0) return undefined;
    return inArray(
      conversations.id,
      sql`(SELECT ${emailDeliveries.conversationId} FROM ${emailDeliveries} WHERE ${emailDeliveries.workspaceId} = ${workspaceId}
        AND ${emailDeliveries.id} = ANY(${sql.param(target.emailDeliveryIds.map(Number))}::bigint[]) AND ${isFirstMessage(emailDeliveries.messageId)})`,
    );
  }
  if ("conversationIds" in target) {
    if (target.conversationIds.length === 0) return undefined;
    return inArray(conversations.id, [...target.conversationIds]);
  }
  return and(eq(conversations.contactId, target.chat.contactId), eq(conversations.channelId, target.chat.channelId));
}

/**
 * Moves the first messages named by `target`, in this workspace, to `change.status` where that is
 * a step forward; returns the conversations that changed. One set-based UPDATE whatever the
 * number of messages; a report about anything else (an agent's later message, a conversation
 * that was not started by a workflow) changes nothing.
 */
export async function advanceFirstMessages(db: DbOrTx, workspaceId: string, target: FirstMessageTarget, change: FirstMessageChange): Promise<string[]> {
  const condition = targetCondition(workspaceId, target);
  if (!condition) return [];
  const leaving = change.status === "sent" || change.status === "delivered";
  const rows = await db
    .update(conversations)
    .set({
      outreachStatus: change.status,
      outreachStatusAt: sql`now()`,
      // A message that was delivered (an email accepted, a chat shown) was sent, even if "sent" was never reported.
      ...(leaving ? { outreachSentAt: sql`coalesce(${conversations.outreachSentAt}, now())` } : {}),
      outreachReason: change.status === "failed" ? (change.reason ?? "The message could not be sent.").slice(0, 500) : null,
    })
    .where(and(eq(conversations.workspaceId, workspaceId), condition, inArray(conversations.outreachStatus, statusesReplacedBy(change))))
    .returning({ id: conversations.id });
  return rows.map((row) => row.id);
}
