import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

const { useTestDatabase } = await import("@/lib/testing/test-database");
await useTestDatabase();

const { getDb } = await import("@/lib/db/client");
const { conversations } = await import("@/lib/db/schema/conversations");
const { createContacts, createWorkspaceFixture } = await import("@/lib/workflow/testing/workspace-fixture");
const { bulkUpdateConversations } = await import("@/lib/conversations/bulk-actions");
const { bulkUpdateSchema } = await import("@/lib/conversations/bulk-actions.validation");
const { runService } = await import("@/lib/services/run-service");
const { asMember } = await import("@/lib/testing/service-scope");

type Fixture = Awaited<ReturnType<typeof createWorkspaceFixture>>;
type Row = typeof conversations.$inferInsert;

let ws: Fixture;
let other: Fixture;
let contactId: string;
let otherContactId: string;

beforeAll(async () => {
  ws = await createWorkspaceFixture(getDb());
  other = await createWorkspaceFixture(getDb());
  [contactId] = (await createContacts(getDb(), ws.workspaceId, [{ firstName: "Ada" }])) as [string];
  [otherContactId] = (await createContacts(getDb(), other.workspaceId, [{ firstName: "Zed" }])) as [string];
});

async function seed(count: number, values: Partial<Row> = {}, fixture = ws, contact = contactId): Promise<string[]> {
  const rows = Array.from({ length: count }, () => ({
    id: randomUUID(),
    workspaceId: fixture.workspaceId,
    contactId: contact,
    channelId: fixture.chatChannelId,
    origin: "inbound" as const,
    state: "open" as const,
    openedAt: new Date(),
    lastMessageAt: new Date(),
    ...values,
  }));
  for (let i = 0; i < rows.length; i += 1000) await getDb().insert(conversations).values(rows.slice(i, i + 1000));
  return rows.map((row) => row.id);
}

const stateCounts = async (ids: string[]) => {
  const result = await getDb().execute<{ state: string; n: number }>(
    sql`SELECT state, count(*)::int AS n FROM conversations WHERE id = ANY(${`{${ids.join(",")}}`}::uuid[]) GROUP BY state ORDER BY state`,
  );
  return Object.fromEntries(result.rows.map((row) => [row.state, Number(row.n)]));
};

const bulk = async (input: unknown, fixture = ws) => runService(await asMember(fixture.workspaceId, fixture.agentId), bulkUpdateConversations, bulkUpdateSchema.parse(input));

describe("bulk actions", () => {
  it("closes the ticked rows, skipping the ones the state machine does not let close, and never another workspace's", async () => {
    const open = await seed(3);
    const [closed] = await seed(1, { state: "closed", closedAt: new Date() });
    const [campaign] = await seed(1, { state: "campaign", openedAt: null });
    const [theirs] = await seed(1, {}, other, otherContactId);
    const result = await bulk({ selection: { kind: "ids", conversationIds: [...open, closed, campaign, theirs] }, change: { action: "close" } });
    expect(result).toEqual({ changed: 3, skipped: 1 });
    expect(await stateCounts(open)).toEqual({ closed: 3 });
    // A campaign is not in the inbox: closing it from here is not offered, it stays as it was.
    expect(await stateCounts([campaign!])).toEqual({ campaign: 1 });
    expect(await stateCounts([theirs!])).toEqual({ open: 1 });
  });

  it("applies a change to all of a view's thousands of conversations in one go, and to nothing outside the view", async () => {
    const team = await seed(2500, { assigneeTeamId: ws.teamId, priority: "normal" });
    const outside = await seed(5, { priority: "normal" });
    const [theirs] = await seed(1, { assigneeTeamId: null }, other, otherContactId);
    const view = { kind: "view", filters: { team: ws.teamId }, status: "open" };
    expect(await bulk({ selection: view, change: { action: "priority", priority: "high" } })).toEqual({ changed: 2500, skipped: 0 });
    const priorities = await getDb().execute<{ priority: string; n: number }>(
      sql`SELECT priority, count(*)::int AS n FROM conversations WHERE workspace_id = ${ws.workspaceId} AND id = ANY(${`{${[...team, ...outside].join(",")}}`}::uuid[]) GROUP BY priority ORDER BY priority`,
    );
    expect(priorities.rows.map((row) => [row.priority, Number(row.n)])).toEqual([
      ["normal", 5],
      ["high", 2500],
    ]);

    expect(await bulk({ selection: view, change: { action: "assign", assignee: { type: "user", userId: ws.builderId } } })).toEqual({ changed: 2500, skipped: 0 });
    // Assigned to an agent, they left the team's view: the builder's view holds them now.
    expect(await bulk({ selection: view, change: { action: "close" } })).toEqual({ changed: 0, skipped: 0 });
    const builders = { kind: "view", filters: { assignee: ws.builderId }, status: "open" };
    const until = new Date(Date.now() + 3_600_000).toISOString();
    expect(await bulk({ selection: builders, change: { action: "snooze", until } })).toEqual({ changed: 2500, skipped: 0 });
    expect(await stateCounts(team)).toEqual({ snoozed: 2500 });
    const jobs = await getDb().execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE (payload->>'conversationId')::uuid = ANY(${`{${team.join(",")}}`}::uuid[])`,
    );
    expect(Number(jobs.rows[0]!.n)).toBe(2500);
    // The snoozed view now holds them; closing "all in this view" closes exactly those.
    expect(await bulk({ selection: { ...builders, status: "snoozed" }, change: { action: "close" } })).toEqual({ changed: 2500, skipped: 0 });
    expect(await stateCounts(team)).toEqual({ closed: 2500 });
    expect(await stateCounts(outside)).toEqual({ open: 5 });
    expect(await stateCounts([theirs!])).toEqual({ open: 1 });
  });

  it("refuses an assignee from another workspace and changes nothing", async () => {
    const ids = await seed(2);
    await expect(bulk({ selection: { kind: "ids", conversationIds: ids }, change: { action: "assign", assignee: { type: "user", userId: other.agentId } } })).rejects.toMatchObject({
      code: "not_found",
    });
    const rows = await getDb().execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM conversations WHERE assignee_user_id IS NOT NULL AND id = ANY(${`{${ids.join(",")}}`}::uuid[])`);
    expect(Number(rows.rows[0]!.n)).toBe(0);
  });
});
