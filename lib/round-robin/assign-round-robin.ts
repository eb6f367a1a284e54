import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { conversations } from "@/lib/db/schema/conversations";
import { agentAvailability, roundRobinQueue, teamRoundRobin } from "@/lib/db/schema/round-robin";
import { teamMembers } from "@/lib/db/schema/workspaces";
import { uuidArray } from "@/lib/db/sql-params";
import { readEnv } from "@/lib/env";
import { activeWithinMinutes } from "@/lib/live/agent-activity";
import { notifyConversations } from "@/lib/conversations/notify";
import { scheduleUnansweredMails } from "@/lib/notifications/unanswered-mail";
import { transitionConversations } from "@/lib/conversations/transition";
import type { ServiceContext } from "@/lib/services/service-context";

export type RoundRobinAssignment = { conversationId: string; userId: string };

/** An agent round robin may give a conversation to: Available, and seen in the app (agent_activity) within the idle time. */
export const agentIsAvailable = () =>
  sql`${agentAvailability.status} = 'available' AND ${activeWithinMinutes(agentAvailability.userId, readEnv().PARLEY_AGENT_IDLE_MINUTES)}`;

/**
 * Puts conversations in a team's round-robin queue (the team holds them, no agent yet) and gives
 * out what it can at once. A team without automatic assignment simply holds them.
 */
export async function queueForRoundRobin(ctx: ServiceContext, input: { teamId: string; conversationIds: readonly string[] }): Promise<RoundRobinAssignment[]> {
  if (input.conversationIds.length === 0) return [];
  // Raw SQL: one statement for a batch (the engine's Assign step), ids as one array parameter.
  await ctx.tx.execute(sql`
    WITH held AS (
      UPDATE conversations SET assignee_team_id = ${input.teamId}::uuid, assignee_user_id = NULL, updated_at = now()
      WHERE id = ANY(${uuidArray(input.conversationIds)}) AND workspace_id = ${ctx.workspace.id} AND state <> 'campaign'
      RETURNING id, workspace_id)
    INSERT INTO round_robin_queue (conversation_id, workspace_id, team_id)
    SELECT id, workspace_id, ${input.teamId}::uuid FROM held
    ON CONFLICT (conversation_id) DO UPDATE SET team_id = excluded.team_id`);
  return drainRoundRobinQueue(ctx, { teamId: input.teamId });
}

/**
 * Gives a team's waiting conversations, oldest first, to its Available members below their cap,
 * the least recently assigned first, until the queue or the capacity runs out.
 *
 * Concurrency: first the team members' availability rows are locked, always in user order (no
 * deadlock between two drains): a second drain touching any of these agents waits here until this
 * transaction ends, and then (READ COMMITTED: a new snapshot per statement) counts the open
 * conversations this one gave, so a cap holds however many workers run. The assignment itself is
 * the state machine's guarded `round_robin` transition (open, no agent yet, still this team's):
 * a conversation given by someone else in between is not given twice, just dropped from the queue.
 */
export async function drainRoundRobinQueue(ctx: ServiceContext, input: { teamId: string }): Promise<RoundRobinAssignment[]> {
  const workspaceId = ctx.workspace.id;
  const [settings] = await ctx.tx
    .select({ maxOpen: teamRoundRobin.maxOpen })
    .from(teamRoundRobin)
    .where(and(eq(teamRoundRobin.teamId, input.teamId), eq(teamRoundRobin.workspaceId, workspaceId), eq(teamRoundRobin.enabled, true)));
  if (!settings) return [];

  await ctx.tx
    .select({ userId: agentAvailability.userId })
    .from(agentAvailability)
    .innerJoin(teamMembers, and(eq(teamMembers.userId, agentAvailability.userId), eq(teamMembers.teamId, input.teamId)))
    .where(eq(agentAvailability.workspaceId, workspaceId))
    .orderBy(asc(agentAvailability.userId))
    .for("update", { of: agentAvailability });

  const assigned: RoundRobinAssignment[] = [];
  for (;;) {
    const [next] = await ctx.tx
      .select({ conversationId: roundRobinQueue.conversationId, assigneeUserId: conversations.assigneeUserId, assigneeTeamId: conversations.assigneeTeamId })
      .from(roundRobinQueue)
      .innerJoin(conversations, and(eq(conversations.id, roundRobinQueue.conversationId), eq(conversations.workspaceId, workspaceId)))
      .where(and(eq(roundRobinQueue.teamId, input.teamId), eq(roundRobinQueue.workspaceId, workspaceId), eq(conversations.state, "open")))
      // Queued together (one batch), the conversation that has waited longest goes first.
      .orderBy(asc(roundRobinQueue.queuedAt), sql`coalesce(${conversations.waitingSince}, ${conversations.openedAt}) ASC NULLS LAST`, asc(roundRobinQueue.conversationId))
      .limit(1);
    if (!next) break;
    if (next.assigneeUserId !== null || next.assigneeTeamId !== input.teamId) {
      // Someone assigned it by hand meanwhile: it no longer waits here.
      await dequeue(ctx, next.conversationId);
      continue;
    }
    const openCount = sql`(SELECT count(*) FROM ${conversations} c WHERE c.workspace_id = ${workspaceId} AND c.assignee_user_id = ${agentAvailability.userId} AND c.state = 'open')`;
    const [agent] = await ctx.tx
      .select({ userId: agentAvailability.userId })
      .from(agentAvailability)
      .innerJoin(teamMembers, and(eq(teamMembers.userId, agentAvailability.userId), eq(teamMembers.teamId, input.teamId)))
      .where(and(eq(agentAvailability.workspaceId, workspaceId), agentIsAvailable(), sql`${openCount} < coalesce(${agentAvailability.maxOpen}, ${settings.maxOpen})`))
      .orderBy(sql`${agentAvailability.lastAssignedAt} ASC NULLS FIRST`, asc(agentAvailability.userId))
      .limit(1);
    if (!agent) break;
    const [row] = await transitionConversations(ctx, {
      event: "round_robin",
      conversationIds: [next.conversationId],
      set: { assigneeUserId: agent.userId },
      where: and(isNull(conversations.assigneeUserId), eq(conversations.assigneeTeamId, input.teamId)),
    });
    await dequeue(ctx, next.conversationId);
    if (!row) continue;
    await ctx.tx
      .update(agentAvailability)
      .set({ lastAssignedAt: sql`clock_timestamp()` })
      .where(and(eq(agentAvailability.workspaceId, workspaceId), eq(agentAvailability.userId, agent.userId)));
    assigned.push({ conversationId: row.id, userId: agent.userId });
  }
  await notifyConversations(ctx, "conversation.assigned", assigned.map((a) => a.conversationId));
  // A waiting conversation given out: the "unanswered" mail is now its new agent's.
  await scheduleUnansweredMails(ctx, assigned.map((a) => a.conversationId));
  return assigned;
}

/** Takes conversations out of any round-robin queue (assigned by hand) and has capacity freed meanwhile given out. */
export async function leaveRoundRobinQueue(ctx: ServiceContext, conversationIds: readonly string[]): Promise<void> {
  if (conversationIds.length === 0) return;
  await ctx.tx.delete(roundRobinQueue).where(and(eq(roundRobinQueue.workspaceId, ctx.workspace.id), sql`${roundRobinQueue.conversationId} = ANY(${uuidArray(conversationIds)})`));
}

async function dequeue(ctx: ServiceContext, conversationId: string) {
  await ctx.tx.delete(roundRobinQueue).where(and(eq(roundRobinQueue.conversationId, conversationId), eq(roundRobinQueue.workspaceId, ctx.workspace.id)));
}

/** Drains every automatic team of the workspace (an agent became available, or capacity was freed). */
export async function drainWorkspaceRoundRobin(ctx: ServiceContext): Promise<RoundRobinAssignment[]> {
  const teamsOn = await ctx.tx
    .select({ teamId: teamRoundRobin.teamId })
    .from(teamRoundRobin)
    .where(and(eq(teamRoundRobin.workspaceId, ctx.workspace.id), eq(teamRoundRobin.enabled, true)))
    .orderBy(asc(teamRoundRobin.teamId));
  const all: RoundRobinAssignment[] = [];
  for (const team of teamsOn) all.push(...(await drainRoundRobinQueue(ctx, { teamId: team.teamId })));
  return all;
}
