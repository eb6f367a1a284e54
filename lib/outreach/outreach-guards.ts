import { sql } from "drizzle-orm";
import type { Tx } from "@/lib/db/client";
import { uuidArray } from "@/lib/db/sql-params";
import type { FrequencyCap } from "./outreach-settings";

export const HAS_OPEN_CONVERSATION = "has an open conversation";

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/** The skip reason of a contact at the workspace's cap ("frequency cap: 3 messages in 7 days"). */
export function frequencyCapReason(cap: FrequencyCap): string {
  return `frequency cap: ${plural(cap.messages, "message")} in ${plural(cap.days, "day")}`;
}

// Key space of the per-contact transaction locks below ("outr"), apart from other advisory locks.
const OUTREACH_LOCK_CLASS = 0x6f757472;

export type OutreachGuards = {
  /** Skip contacts with a conversation that is open or snoozed (not a quiet campaign, not closed). */
  skipOpenConversations: boolean;
  /** The workspace's cap, when this step sends a message to the contact; null: no cap applies. */
  frequencyCap: FrequencyCap | null;
};

/**
 * Which of these contacts a Start a Conversation step must skip, and why: the guards a builder or
 * the workspace switched on. Set-based: one lock statement and one query for the whole batch.
 *
 * Concurrency: two workflows fanning out to the same contacts at once would each count the
 * other's uncommitted messages as absent and both send. So with a cap, each contact checked is
 * first locked for the rest of the transaction (an advisory lock per contact, taken in key order
 * so that two batches cannot deadlock on each other here); the second batch waits for the first
 * to commit, then counts its messages. Unrelated contacts share no lock, so they are never
 * serialised. The open-conversation check alone takes no lock: a workflow's own conversations
 * start as quiet campaigns, so two fan-outs cannot open one under each other's check, and a
 * contact writing in at that very instant is no worse than writing a second later.
 */
export async function outreachSkipReasons(tx: Tx, workspaceId: string, contactIds: readonly string[], guards: OutreachGuards): Promise<Map<string, string>> {
  const reasons = new Map<string, string>();
  const { skipOpenConversations, frequencyCap } = guards;
  if (contactIds.length === 0 || (!skipOpenConversations && !frequencyCap)) return reasons;
  const ids = uuidArray([...new Set(contactIds)]);
  if (frequencyCap) {
    // Raw SQL on purpose: advisory locks have no query-builder form; the sorted subquery fixes the order they are taken in.
    await tx.execute(sql`
      SELECT pg_advisory_xact_lock(${OUTREACH_LOCK_CLASS}, k.key) FROM (
        SELECT DISTINCT hashtext(id::text) AS key FROM unnest(${ids}) AS u(id) ORDER BY 1) k`);
  }
  // Raw SQL on purpose: one set-based statement for the batch, each contact's conversations read
  // through conversations_contact_idx (contact_id, created_at DESC).
  const rows = await tx.execute<{ contact_id: string; open: boolean; recent: number }>(sql`
    SELECT contact_id, open, recent FROM (
      SELECT c.id AS contact_id,
        ${
          skipOpenConversations
            ? sql`EXISTS (SELECT 1 FROM conversations v WHERE v.contact_id = c.id AND v.workspace_id = ${workspaceId} AND v.state IN ('open', 'snoozed'))`
            : sql`false`
        } AS open,
        ${
          frequencyCap
            ? sql`(SELECT count(*)::int FROM conversations v
                WHERE v.contact_id = c.id AND v.workspace_id = ${workspaceId} AND v.origin = 'workflow' AND v.direction = 'to_contact'
                  AND v.created_at > now() - make_interval(days => ${frequencyCap.days})
                  AND EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = v.id AND m.kind = 'message'))`
            : sql`0`
        } AS recent
      FROM unnest(${ids}) AS c(id)) g
    WHERE open OR recent >= ${frequencyCap?.messages ?? 2_147_483_647}`);
  for (const row of rows.rows) {
    reasons.set(row.contact_id, row.open ? HAS_OPEN_CONVERSATION : frequencyCapReason(frequencyCap!));
  }
  return reasons;
}
