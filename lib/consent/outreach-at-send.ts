import { and, eq, exists, ne, not, sql, type SQL } from "drizzle-orm";
import { alias, type AnyPgColumn } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/lib/db/client";
import { conversations, messages } from "@/lib/db/schema/conversations";

const contactMessages = alias(messages, "contact_messages");

/**
 * Whether a queued delivery is outreach when its outbox sends it, as a column of the outbox's
 * load (which joins the delivery's conversation): an unsubscribe stops outreach only, and a
 * conversation the contact started, or has written in since, is an answer, not a campaign.
 */
export function outreachAtSend(db: DbOrTx, delivery: { conversationId: AnyPgColumn; workspaceId: AnyPgColumn }): SQL<boolean> {
  const contactWrote = exists(
    db
      .select({ one: sql`1` })
      .from(contactMessages)
      .where(and(eq(contactMessages.conversationId, delivery.conversationId), eq(contactMessages.workspaceId, delivery.workspaceId), eq(contactMessages.authorType, "contact"))),
  );
  return sql<boolean>`(${ne(conversations.origin, "inbound")} AND ${not(contactWrote)})`.mapWith(Boolean);
}
