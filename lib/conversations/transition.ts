import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { textArray, uuidArray } from "../db/sql-params";
import { CONVERSATION_TRANSITIONS, type ConversationEvent } from "./conversation-state-machine";

export type TransitionedRow = {
  id: string;
  workspace_id: string;
  contact_id: string;
  channel_id: string;
  third_party: boolean;
  opened_at: Date | null;
};

/**
 * Applies a state-machine event to the given conversations with a guarded UPDATE: only rows in
 * one of the event's `from` states change, and the rows that did are returned. Callers treat an
 * absent row as "someone else already moved it" (or "not yours", when workspaceId is given).
 */
export async function transitionConversations(
  db: DbOrTx,
  event: ConversationEvent,
  conversationIds: readonly string[],
  options: { workspaceId?: string; set?: SQL; where?: SQL } = {},
): Promise<TransitionedRow[]> {
  if (conversationIds.length === 0) return [];
  const transition = CONVERSATION_TRANSITIONS[event];
  const extra = options.set ? sql`, ${options.set}` : sql``;
  const workspace = options.workspaceId ? sql`AND workspace_id = ${options.workspaceId}` : sql``;
  const where = options.where ? sql`AND ${options.where}` : sql``;
  const result = await db.execute<TransitionedRow>(sql`
    UPDATE conversations SET state = ${transition.to}::conversation_state, updated_at = now() ${extra}
    WHERE id = ANY(${uuidArray(conversationIds)}) ${workspace} ${where}
      AND state = ANY(${textArray(transition.from)}::conversation_state[])
    RETURNING id, workspace_id, contact_id, channel_id, third_party, opened_at`);
  return result.rows;
}
