import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";

const { useTestDatabase } = await import("@/lib/testing/test-database");
await useTestDatabase();

const { getDb } = await import("@/lib/db/client");
const { conversations } = await import("@/lib/db/schema/conversations");
const { createContacts, createWorkspaceFixture } = await import("@/lib/workflow/testing/workspace-fixture");
const { recordContactMessage } = await import("@/lib/conversations/record-contact-message");
const { startConversation } = await import("@/lib/conversations/start-conversation");
const { contactTextToContent } = await import("@/lib/conversations/message-content");
const { runService } = await import("@/lib/services/run-service");
const { asContact, asSystem } = await import("@/lib/testing/service-scope");
const { countInboxViews, listInboxConversations, COUNT_CAP } = await import("@/lib/db/queries/inbox");
const { BUILT_IN_VIEWS } = await import("@/lib/inbox/views");

type Fixture = Awaited<ReturnType<typeof createWorkspaceFixture>>;
type Row = typeof conversations.$inferInsert;

let ws: Fixture;
let other: Fixture;
let contactIds: string[];
const ids: Record<string, string> = {};
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

async function insert(name: string, values: Partial<Row>, fixture = ws, contactId = contactIds[0]!) {
  const id = randomUUID();
  ids[name] = id;
  await getDb()
    .insert(conversations)
    .values({
      id,
      workspaceId: fixture.workspaceId,
      contactId,
      channelId: fixture.chatChannelId,
      origin: "inbound",
      state: "open",
      openedAt: minutesAgo(100),
      lastMessageAt: minutesAgo(10),
      ...values,
    });
}

const viewer = () => ({ workspaceId: ws.workspaceId, userId: ws.agentId });
const builtIn = (key: string) => BUILT_IN_VIEWS.find((v) => v.key === key)!.filters;
const names = (items: { id: string }[]) => items.map((item) => Object.entries(ids).find(([, id]) => id === item.id)?.[0] ?? item.id);

beforeAll(async () => {
  ws = await createWorkspaceFixture(getDb());
  other = await createWorkspaceFixture(getDb());
  contactIds = await createContacts(getDb(), ws.workspaceId, [{ firstName: "Ada" }, { firstName: "Bo" }]);
  const [otherContact] = await createContacts(getDb(), other.workspaceId, [{ firstName: "Zed" }]);

  await insert("mine", { assigneeUserId: ws.agentId, lastMessageAt: minutesAgo(1) });
  await insert("unassigned", { lastMessageAt: minutesAgo(2), waitingSince: minutesAgo(50) });
  await insert("team", { assigneeTeamId: ws.teamId, lastMessageAt: minutesAgo(3), waitingSince: minutesAgo(90) });
  await insert("high", { priority: "high", lastMessageAt: minutesAgo(4) });
  await insert("workflowOpen", { origin: "workflow", lastMessageAt: minutesAgo(5) });
  await insert("api", { origin: "api", lastMessageAt: minutesAgo(6) });
  await insert("snoozed", { state: "snoozed", snoozedUntil: new Date(Date.now() + 3_600_000) });
  await insert("closed", { state: "closed", closedAt: minutesAgo(1) });
  // Never in any list or count: unanswered campaigns, even when assigned, high priority or newest.
  await insert("campaign", { origin: "workflow", state: "campaign", openedAt: null, lastMessageAt: minutesAgo(0) });
  await insert("campaignAssigned", { origin: "workflow", state: "campaign", openedAt: null, assigneeUserId: ws.agentId, priority: "high" });
  await insert("campaignClosed", { origin: "workflow", state: "closed", openedAt: null, closedAt: minutesAgo(1) });
  await insert("otherWorkspace", { assigneeUserId: ws.agentId, lastMessageAt: minutesAgo(0) }, other, otherContact!);
});

describe("inbox views", () => {
  it("list each built-in view with exactly its conversations, newest first, never a campaign", async () => {
    const expected: Record<string, string[]> = {
      you: ["mine"],
      unassigned: ["unassigned", "high", "workflowOpen", "api"],
      all: ["mine", "unassigned", "team", "high", "workflowOpen", "api"],
      "high-priority": ["high"],
      workflows: ["workflowOpen"],
      inbound: ["mine", "unassigned", "team", "high"],
    };
    for (const [key, want] of Object.entries(expected)) {
      const page = await listInboxConversations({ viewer: viewer(), filters: builtIn(key), status: "open", sort: "newest" });
      expect(names(page.items), key).toEqual(want);
    }
    const team = await listInboxConversations({ viewer: viewer(), filters: { team: ws.teamId }, status: "open", sort: "newest" });
    expect(names(team.items)).toEqual(["team"]);
  });

  it("filters by status: snoozed and closed lists, campaigns closed unanswered excluded", async () => {
    const snoozed = await listInboxConversations({ viewer: viewer(), filters: {}, status: "snoozed", sort: "newest" });
    expect(names(snoozed.items)).toEqual(["snoozed"]);
    const closed = await listInboxConversations({ viewer: viewer(), filters: {}, status: "closed", sort: "newest" });
    expect(names(closed.items)).toEqual(["closed"]);
    // A view's own status wins over the list's status.
    const fixed = await listInboxConversations({ viewer: viewer(), filters: { status: "closed" }, status: "open", sort: "newest" });
    expect(names(fixed.items)).toEqual(["closed"]);
  });

  it("sorts by oldest, priority and waiting longest", async () => {
    const list = (sort: "oldest" | "priority" | "waiting") => listInboxConversations({ viewer: viewer(), filters: {}, status: "open", sort }).then((p) => names(p.items));
    expect(await list("oldest")).toEqual(["api", "workflowOpen", "high", "team", "unassigned", "mine"]);
    expect((await list("priority"))[0]).toBe("high");
    expect((await list("waiting")).slice(0, 2)).toEqual(["team", "unassigned"]);
  });

  it("pages with a keyset cursor that neither skips nor repeats, in every sort", async () => {
    for (const sort of ["newest", "oldest", "priority", "waiting"] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await listInboxConversations({ viewer: viewer(), filters: {}, status: "open", sort, cursor, limit: 4 });
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
      } while (cursor);
      const all = await listInboxConversations({ viewer: viewer(), filters: {}, status: "open", sort, limit: 100 });
      expect(seen, sort).toEqual(all.items.map((i) => i.id));
    }
  });

  it("names the workflow, assignee and team on each row", async () => {
    const page = await listInboxConversations({ viewer: viewer(), filters: {}, status: "open", sort: "newest" });
    const mine = page.items.find((i) => i.id === ids.mine)!;
    expect(mine).toMatchObject({ contactName: "Ada", assigneeName: "Sam Support", origin: "inbound" });
    const team = page.items.find((i) => i.id === ids.team)!;
    expect(team.assigneeTeamName).toBe("Support");
  });

  it("counts every view in one query, without campaigns or other workspaces", async () => {
    const views = [
      ...BUILT_IN_VIEWS.map((v) => ({ key: v.key, filters: v.filters })),
      { key: "team", filters: { team: ws.teamId } },
      { key: "closedView", filters: { status: "closed" as const } },
    ];
    const counts = await countInboxViews({ viewer: viewer(), views, status: "open" });
    expect(counts).toEqual({ you: 1, unassigned: 4, all: 6, "high-priority": 1, workflows: 1, inbound: 4, team: 1, closedView: 1 });
  });

  it("a team id or cursor from another workspace finds nothing", async () => {
    const foreignTeam = await listInboxConversations({ viewer: viewer(), filters: { team: other.teamId }, status: "open", sort: "newest" });
    expect(foreignTeam.items).toEqual([]);
    const foreignCursor = await listInboxConversations({ viewer: viewer(), filters: {}, status: "open", sort: "newest", cursor: ids.otherWorkspace });
    expect(foreignCursor.items).toEqual([]);
  });

  it("caps counts at COUNT_CAP", async () => {
    const big = await createWorkspaceFixture(getDb());
    const [contact] = await createContacts(getDb(), big.workspaceId, [{ firstName: "Many" }]);
    await getDb().insert(conversations).values(
      Array.from({ length: COUNT_CAP + 5 }, () => ({
        workspaceId: big.workspaceId,
        contactId: contact!,
        channelId: big.chatChannelId,
        origin: "inbound" as const,
        state: "open" as const,
        openedAt: new Date(),
      })),
    );
    const counts = await countInboxViews({ viewer: { workspaceId: big.workspaceId, userId: big.agentId }, views: [{ key: "all", filters: {} }], status: "open" });
    expect(counts.all).toBe(COUNT_CAP);
  });

  it("a campaign enters the inbox only when the contact replies (through the state machine)", async () => {
    const [contact] = await createContacts(getDb(), ws.workspaceId, [{ firstName: "Reply", lastName: "Later" }]);
    const started = await runService(await asSystem(ws.workspaceId), startConversation, {
      contactId: contact!,
      channelId: ws.chatChannelId,
      origin: "api",
      direction: "to_contact",
      startWith: "message",
      content: contactTextToContent("Hi, just checking in"),
      openMode: "after_reply",
      sender: { userId: ws.agentId, name: "Sam Support" },
      assignOnOpen: { type: "team", teamId: ws.teamId },
      thirdParty: false,
    });
    const inAll = async () => (await listInboxConversations({ viewer: viewer(), filters: {}, status: "open", sort: "newest", limit: 100 })).items.some((i) => i.id === started.conversationId);
    expect(await inAll()).toBe(false);
    await runService(await asContact(ws.workspaceId, contact!), recordContactMessage, { channelId: ws.chatChannelId, contactId: contact!, text: "Yes please" });
    expect(await inAll()).toBe(true);
    const team = await listInboxConversations({ viewer: viewer(), filters: { team: ws.teamId }, status: "open", sort: "newest" });
    expect(team.items[0]).toMatchObject({ id: started.conversationId, contactName: "Reply Later", lastMessagePreview: "Yes please" });
  });
});
