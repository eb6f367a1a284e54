import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/testing/test-database";
import { getDb } from "@/lib/db/client";
import { agentActivity } from "@/lib/db/schema/agent-activity";
import { conversations } from "@/lib/db/schema/conversations";
import { agentAvailability, roundRobinQueue, teamRoundRobin } from "@/lib/db/schema/round-robin";
import { memberships, teamMembers, users } from "@/lib/db/schema/workspaces";
import { closeConversations } from "@/lib/conversations/agent-actions";
import { drainRoundRobinQueue, queueForRoundRobin } from "@/lib/round-robin/assign-round-robin";
import { runService } from "@/lib/services/run-service";
import { asSystem } from "@/lib/testing/service-scope";
import { createContacts, createWorkspaceFixture, type WorkspaceFixture } from "@/lib/workflow/testing/workspace-fixture";

const { url } = await useTestDatabase();

let ws: WorkspaceFixture;
let agents: string[];
let contactId: string;

/** A workspace whose Support team has automatic assignment and three Available agents, each with a cap of `cap`. */
async function setup(cap: number) {
  ws = await createWorkspaceFixture(getDb());
  [contactId] = (await createContacts(getDb(), ws.workspaceId, [{ firstName: "Ada" }])) as [string];
  const extra = await getDb()
    .insert(users)
    .values([0, 1].map((i) => ({ email: `rr-${i}-${randomUUID()}@example.com`, name: `Agent ${i}` })))
    .returning({ id: users.id });
  agents = [ws.agentId, ...extra.map((u) => u.id)];
  await getDb().insert(memberships).values(extra.map((u) => ({ workspaceId: ws.workspaceId, userId: u.id, role: "agent" as const })));
  await getDb().insert(teamMembers).values(extra.map((u) => ({ teamId: ws.teamId, userId: u.id })));
  await getDb().insert(teamRoundRobin).values({ teamId: ws.teamId, workspaceId: ws.workspaceId, enabled: true, maxOpen: cap });
  await getDb()
    .insert(agentAvailability)
    .values(agents.map((userId) => ({ workspaceId: ws.workspaceId, userId, status: "available" as const })));
  await getDb().insert(agentActivity).values(agents.map((userId) => ({ userId, lastActiveAt: new Date() })));
}

async function openConversations(count: number): Promise<string[]> {
  const rows = Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    workspaceId: ws.workspaceId,
    contactId,
    channelId: ws.chatChannelId,
    origin: "inbound" as const,
    state: "open" as const,
    openedAt: new Date(Date.now() - (count - i) * 1000),
    lastMessageAt: new Date(),
  }));
  await getDb().insert(conversations).values(rows);
  return rows.map((row) => row.id);
}

const assigneesOf = async (ids: string[]) =>
  getDb().select({ id: conversations.id, userId: conversations.assigneeUserId, teamId: conversations.assigneeTeamId }).from(conversations).where(inArray(conversations.id, ids));

const openPerAgent = async () => {
  const rows = await getDb().execute<{ user_id: string; n: number }>(
    sql`SELECT assignee_user_id AS user_id, count(*)::int AS n FROM conversations WHERE workspace_id = ${ws.workspaceId} AND state = 'open' AND assignee_user_id IS NOT NULL GROUP BY 1`,
  );
  return Object.fromEntries(rows.rows.map((row) => [row.user_id, Number(row.n)]));
};

const system = () => asSystem(ws.workspaceId);

describe("round robin", () => {
  beforeEach(async () => {
    await setup(2);
  });

  it("gives a team's conversations to its available agents in turn, up to each one's cap; the rest wait in the team queue", async () => {
    const ids = await openConversations(8);
    const given = await runService(await system(), queueForRoundRobin, { teamId: ws.teamId, conversationIds: ids });
    expect(given).toHaveLength(6);
    // In turn: each agent gets one before anyone gets a second.
    expect(new Set(given.slice(0, 3).map((g) => g.userId)).size).toBe(3);
    expect(Object.values(await openPerAgent()).sort()).toEqual([2, 2, 2]);
    const waiting = await getDb().select({ id: roundRobinQueue.conversationId }).from(roundRobinQueue).where(eq(roundRobinQueue.teamId, ws.teamId));
    // Oldest first: the two newest wait, held by the team with no agent.
    expect(waiting.map((w) => w.id).sort()).toEqual(ids.slice(6).sort());
    expect((await assigneesOf(ids.slice(6))).every((row) => row.userId === null && row.teamId === ws.teamId)).toBe(true);
  });

  it("never exceeds a cap nor gives one conversation twice when many transactions assign at once", async () => {
    const ids = await openConversations(24);
    // Twelve transactions at once, each queueing two conversations and draining the queue.
    const pairs = Array.from({ length: 12 }, (_, i) => ids.slice(i * 2, i * 2 + 2));
    const results = await Promise.all(pairs.map(async (pair) => runService(await system(), queueForRoundRobin, { teamId: ws.teamId, conversationIds: pair })));
    // And six more drains racing over the same queue.
    const drains = await Promise.all(Array.from({ length: 6 }, async () => runService(await system(), drainRoundRobinQueue, { teamId: ws.teamId })));
    const given = [...results.flat(), ...drains.flat()];
    expect(given).toHaveLength(6);
    expect(new Set(given.map((g) => g.conversationId)).size).toBe(6);
    expect(Object.values(await openPerAgent()).sort()).toEqual([2, 2, 2]);
    const rows = await assigneesOf(ids);
    for (const g of given) expect(rows.find((row) => row.id === g.conversationId)!.userId).toBe(g.userId);
    expect(rows.filter((row) => row.userId !== null)).toHaveLength(6);
  });

  it("assigns the oldest waiting conversation when capacity is freed or an agent comes back; Away agents and other workspaces get nothing", async () => {
    const ids = await openConversations(8);
    await runService(await system(), queueForRoundRobin, { teamId: ws.teamId, conversationIds: ids });
    const mine = (await assigneesOf(ids)).filter((row) => row.userId === ws.agentId).map((row) => row.id);
    // The first agent goes Away; closing one of theirs frees capacity, but not for them.
    await getDb().update(agentAvailability).set({ status: "away" }).where(and(eq(agentAvailability.workspaceId, ws.workspaceId), eq(agentAvailability.userId, ws.agentId)));
    await runService(await system(), closeConversations, { conversationIds: [mine[0]!] });
    expect(await runService(await system(), drainRoundRobinQueue, { teamId: ws.teamId })).toEqual([]);
    // Back to Available (and seen in the app): the oldest waiting conversation is theirs.
    await getDb().update(agentAvailability).set({ status: "available" }).where(and(eq(agentAvailability.workspaceId, ws.workspaceId), eq(agentAvailability.userId, ws.agentId)));
    expect(await runService(await system(), drainRoundRobinQueue, { teamId: ws.teamId })).toEqual([{ conversationId: ids[6], userId: ws.agentId }]);
    // An agent whose last open tab is older than the idle time counts as Away.
    await runService(await system(), closeConversations, { conversationIds: [mine[1]!] });
    await getDb().update(agentActivity).set({ lastActiveAt: new Date(Date.now() - 24 * 3_600_000) }).where(eq(agentActivity.userId, ws.agentId));
    expect(await runService(await system(), drainRoundRobinQueue, { teamId: ws.teamId })).toEqual([]);

    // Another workspace's drain of this team gives nothing and leaves the queue alone.
    const other = await createWorkspaceFixture(getDb());
    expect(await runService(await asSystem(other.workspaceId), drainRoundRobinQueue, { teamId: ws.teamId })).toEqual([]);
    expect(await getDb().select().from(roundRobinQueue).where(eq(roundRobinQueue.teamId, ws.teamId))).toHaveLength(1);
  });
});

describe("round robin through the inbox's own paths", () => {
  beforeEach(async () => {
    await setup(1);
  });

  it("\"Team (round robin)\" as an assignee gives the conversation to an available agent; closing one frees the cap and the drain job gives the next", async () => {
    const { assignConversation } = await import("@/lib/conversations/agent-actions");
    const { startWorker } = await import("@/lib/jobs/run-worker");
    const { waitFor } = await import("@/lib/workflow/testing/workspace-fixture");
    const ids = await openConversations(4);
    for (const conversationId of ids) await runService(await system(), assignConversation, { conversationId, assignee: { type: "round_robin", teamId: ws.teamId } });
    const first = await assigneesOf(ids);
    expect(first.filter((row) => row.userId !== null)).toHaveLength(3);
    const waiting = first.find((row) => row.userId === null)!;
    expect(waiting.id).toBe(ids[3]);
    const freed = first.find((row) => row.userId === agents[1])!;
    const worker = await startWorker({ connectionString: url, concurrency: 1 });
    try {
      await runService(await system(), closeConversations, { conversationIds: [freed.id] });
      const given = await waitFor(async () => (await assigneesOf([waiting.id]))[0]!.userId, { what: "the waiting conversation given out" });
      expect(given).toBe(agents[1]);
    } finally {
      await worker.stop();
    }
  });

  it("reads the one record of activity: an agent back after the idle time is told apart, and their workspaces' queues are drained", async () => {
    const { touchAgentActivity } = await import("@/lib/live/agent-activity");
    const { requestRoundRobinDrainsForAgent } = await import("@/lib/round-robin/round-robin-drain-task");
    await getDb().update(agentActivity).set({ lastActiveAt: new Date(Date.now() - 24 * 3_600_000) }).where(eq(agentActivity.userId, ws.agentId));
    expect(await touchAgentActivity(getDb(), ws.agentId)).toEqual({ returned: true });
    expect(await touchAgentActivity(getDb(), ws.agentId)).toEqual({ returned: false });
    await requestRoundRobinDrainsForAgent(getDb(), ws.agentId);
    const drains = await getDb().execute(sql`SELECT 1 FROM graphile_worker._private_jobs WHERE key = ${`round-robin:${ws.workspaceId}`}`);
    expect(drains.rows).toHaveLength(1);
  });

  it("refuses \"Team (round robin)\" by hand (one or in bulk) for a team with automatic assignment off: round_robin_off, nothing assigned", async () => {
    const { assignConversation } = await import("@/lib/conversations/agent-actions");
    const { bulkUpdateConversations } = await import("@/lib/conversations/bulk-actions");
    const [id] = await openConversations(1);
    await getDb().update(teamRoundRobin).set({ enabled: false }).where(eq(teamRoundRobin.teamId, ws.teamId));
    const assignee = { type: "round_robin" as const, teamId: ws.teamId };
    await expect(runService(await system(), assignConversation, { conversationId: id!, assignee })).rejects.toMatchObject({ code: "round_robin_off" });
    await expect(runService(await system(), bulkUpdateConversations, { selection: { kind: "ids", conversationIds: [id!] }, change: { action: "assign", assignee } })).rejects.toMatchObject({ code: "round_robin_off" });
    expect((await assigneesOf([id!]))[0]).toMatchObject({ userId: null, teamId: null });
    // The team itself is still a choice.
    await runService(await system(), assignConversation, { conversationId: id!, assignee: { type: "team", teamId: ws.teamId } });
    expect((await assigneesOf([id!]))[0]).toMatchObject({ userId: null, teamId: ws.teamId });
  });

  it("audits a team's automatic assignment and an agent's cap, owners and admins only", async () => {
    const { setAgentCap, setTeamRoundRobin } = await import("@/lib/round-robin/round-robin-settings");
    const { asMember } = await import("@/lib/testing/service-scope");
    const { auditLog } = await import("@/lib/db/schema/platform");
    const admin = await asMember(ws.workspaceId, ws.builderId);
    await runService(admin, setTeamRoundRobin, { teamId: ws.teamId, enabled: false, maxOpen: 5 });
    await runService(admin, setAgentCap, { userId: ws.agentId, maxOpen: 3 });
    const entries = await getDb().select({ action: auditLog.action, data: auditLog.data }).from(auditLog).where(eq(auditLog.workspaceId, ws.workspaceId));
    expect(entries).toEqual(
      expect.arrayContaining([
        { action: "team.round_robin_changed", data: { from: { enabled: true, maxOpen: 1 }, to: { enabled: false, maxOpen: 5 } } },
        { action: "member.assignment_cap_changed", data: { from: null, to: 3 } },
      ]),
    );
    // Another workspace's team is not found.
    const other = await createWorkspaceFixture(getDb());
    await expect(runService(await asMember(other.workspaceId, other.builderId), setTeamRoundRobin, { teamId: ws.teamId, enabled: true, maxOpen: 5 })).rejects.toMatchObject({ code: "not_found" });
  });
});
