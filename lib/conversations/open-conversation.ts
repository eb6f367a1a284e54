import { sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { uuidArray } from "../db/sql-params";
import { resumeRunsOnConversationStarted } from "../workflow/engine/conversation-started";
import { notifyConversations } from "./notify";
import { writeConversationOutbox } from "./outbox";
import { transitionConversations } from "./transition";

/**
 * Opens campaigns: they enter the inbox, get the assignee chosen when they started (High Priority
 * means unassigned in the High Priority queue), and "Conversation started" fires, which resumes
 * the runs waiting on them. Only campaigns change; the ids that did open are returned.
 */
export async function openConversations(
  db: DbOrTx,
  conversationIds: readonly string[],
  options: { reason: "reply" | "immediately" },
): Promise<string[]> {
  const replied = options.reason === "reply" ? sql`now()` : sql`replied_at`;
  const opened = await transitionConversations(db, "open", conversationIds, {
    set: sql`opened_at = now(), replied_at = ${replied},
      assignee_user_id = CASE assign_on_open->>'type' WHEN 'user' THEN (assign_on_open->>'userId')::uuid ELSE assignee_user_id END,
      assignee_team_id = CASE assign_on_open->>'type' WHEN 'team' THEN (assign_on_open->>'teamId')::uuid ELSE assignee_team_id END,
      priority = CASE assign_on_open->>'type' WHEN 'high_priority' THEN 'high'::priority ELSE priority END`,
  });
  if (opened.length === 0) return [];
  const ids = opened.map((row) => row.id);

  // Audience filters read this column ("no conversation opened in 30 days") as one indexed predicate.
  await db.execute(sql`
    UPDATE contacts SET last_conversation_opened_at = now(), updated_at = now()
    WHERE id = ANY(${uuidArray([...new Set(opened.map((row) => row.contact_id))])})`);
  await notifyConversations(db, "conversation.opened", opened.map((row) => ({ workspaceId: row.workspace_id, conversationId: row.id })));
  await writeConversationOutbox(db, "conversation.opened", opened.filter((row) => row.third_party).map((row) => row.id));
  await resumeRunsOnConversationStarted(db, ids);
  return ids;
}
