import { and, eq, sql, type SQL } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import { conversations } from "@/lib/db/schema/conversations";
import { textArray, uuidArray } from "@/lib/db/sql-params";
import type { ServiceContext } from "@/lib/services/service-context";
import { CONVERSATION_TRANSITIONS, type ConversationEvent } from "./conversation-state-machine";

export type TransitionInput = {
  event: ConversationEvent;
  /**
   * Which conversations: these ids, or every row matching a predicate (a bulk action on "all in
   * this view" runs over the view's own predicate, so thousands change in this one statement).
   */
  conversationIds: readonly string[] | { matching: SQL };
  /** Other columns the event changes, set in the same statement. */
  set?: PgUpdateSetSource<typeof conversations>;
  /** A further condition a row must meet to change (e.g. its snooze time has come). */
  where?: SQL;
};

const transitioned = {
  id: conversations.id,
  contactId: conversations.contactId,
  channelId: conversations.channelId,
  thirdParty: conversations.thirdParty,
};

export type TransitionedRow = { id: string; contactId: string; channelId: string; thirdParty: boolean };

/**
 * Applies a state-machine event to conversations of the context's workspace with a guarded
 * UPDATE: only rows in one of the event's `from` states change, and the rows that did are
 * returned. Callers treat an absent row as "someone else already moved it" (or "not yours").
 * One statement for any number of rows (the engine closes and opens whole batches): the ids and
 * states go as one array parameter each, so its text never grows with the batch.
 */
export async function transitionConversations(ctx: ServiceContext, input: TransitionInput): Promise<TransitionedRow[]> {
  const selection = input.conversationIds;
  if (Array.isArray(selection) && selection.length === 0) return [];
  const transition = CONVERSATION_TRANSITIONS[input.event];
  return ctx.tx
    .update(conversations)
    .set({ ...input.set, state: transition.to, updatedAt: sql`now()` })
    .where(
      and(
        "matching" in selection ? selection.matching : sql`${conversations.id} = ANY(${uuidArray(selection as readonly string[])})`,
        eq(conversations.workspaceId, ctx.workspace.id),
        sql`${conversations.state} = ANY(${textArray(transition.from)}::conversation_state[])`,
        input.where,
      ),
    )
    .returning(transitioned);
}
