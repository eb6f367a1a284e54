import { and, eq, sql } from "drizzle-orm";
import { conversations, messages } from "@/lib/db/schema/conversations";
import { uuidArray } from "@/lib/db/sql-params";
import type { ServiceContext } from "@/lib/services/service-context";
import { resumeRunsOnConversationStarted } from "@/lib/workflow/engine/conversation-started";
import { queueForRoundRobin } from "@/lib/round-robin/assign-round-robin";
import { notifyConversations } from "./notify";
import { writeConversationOutbox } from "./outbox";
import { transitionConversations } from "./transition";

export type OpenConversationsInput = { conversationIds: readonly string[]; reason: "reply" | "immediately" };

const assignOnOpen = conversations.assignOnOpen;

/**
 * Opens campaigns: they enter the inbox, get the assignee chosen when they started (High Priority
 * means unassigned in the High Priority queue), and "Conversation started" fires, which resumes
 * the runs waiting on them. Only campaigns change; the ids that did open are returned.
 * Set-based (a fan-out started "Immediately" opens its whole batch here): a few statements per batch.
 */
export async function openConversations(ctx: ServiceContext, input: OpenConversationsInput): Promise<string[]> {
  const opened = await transitionConversations(ctx, {
    event: "open",
    conversationIds: input.conversationIds,
    set: {
      openedAt: sql`now()`,
      repliedAt: input.reason === "reply" ? sql`now()` : sql`${conversations.repliedAt}`,
      assigneeUserId: sql`CASE ${assignOnOpen}->>'type' WHEN 'user' THEN (${assignOnOpen}->>'userId')::uuid ELSE ${conversations.assigneeUserId} END`,
      assigneeTeamId: sql`CASE WHEN ${assignOnOpen}->>'type' IN ('team', 'round_robin') THEN (${assignOnOpen}->>'teamId')::uuid ELSE ${conversations.assigneeTeamId} END`,
      priority: sql`CASE ${assignOnOpen}->>'type' WHEN 'high_priority' THEN 'high'::priority ELSE ${conversations.priority} END`,
    },
  });
  if (opened.length === 0) return [];
  const ids = opened.map((row) => row.id);

  // Audience filters read this column ("no conversation opened in 30 days") as one indexed
  // predicate. Raw SQL: one UPDATE for the batch's contacts, their ids as one array parameter.
  await ctx.tx.execute(sql`
    UPDATE contacts SET last_conversation_opened_at = now(), updated_at = now()
    WHERE workspace_id = ${ctx.workspace.id} AND id = ANY(${uuidArray([...new Set(opened.map((row) => row.contactId))])})`);
  // Their messages enter the inbox search now that the inbox shows them (an "Immediately"
  // conversation's were written searchable, so this finds nothing to change for them).
  await ctx.tx
    .update(messages)
    .set({ searchable: true })
    .where(and(eq(messages.workspaceId, ctx.workspace.id), sql`${messages.conversationId} = ANY(${uuidArray(ids)})`, eq(messages.searchable, false)));
  await notifyConversations(ctx, "conversation.opened", ids);
  await writeConversationOutbox(ctx, { event: "conversation.opened", conversationIds: opened.filter((row) => row.thirdParty).map((row) => row.id) });
  await resumeRunsOnConversationStarted(ctx.tx, ids);
  // "Team (round robin)" chosen when it started: the team's round robin picks the agent now.
  const roundRobin = await ctx.tx.execute<{ team_id: string; ids: string[] }>(sql`
    SELECT assign_on_open->>'teamId' AS team_id, array_agg(id) AS ids FROM conversations
    WHERE workspace_id = ${ctx.workspace.id} AND id = ANY(${uuidArray(ids)}) AND assign_on_open->>'type' = 'round_robin'
    GROUP BY 1 ORDER BY 1`);
  for (const row of roundRobin.rows) await queueForRoundRobin(ctx, { teamId: row.team_id, conversationIds: row.ids });
  return ids;
}
