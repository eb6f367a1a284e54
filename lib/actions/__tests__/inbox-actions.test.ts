import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { signedIn, signInAs } from "@/lib/testing/session-mock";

vi.mock("@/lib/auth/session", async () => (await import("@/lib/testing/session-mock")).mockedSessionModule());

const { useTestDatabase } = await import("@/lib/testing/test-database");
await useTestDatabase();

const { and, eq } = await import("drizzle-orm");
const { getDb } = await import("@/lib/db/client");
const { channels } = await import("@/lib/db/schema/channels");
const { conversations, conversationViews, messages } = await import("@/lib/db/schema/conversations");
const { memberships, users } = await import("@/lib/db/schema/workspaces");
const { createContacts, createWorkspaceFixture } = await import("@/lib/workflow/testing/workspace-fixture");
const { textToDocument } = await import("@/lib/rich-text/document-schema");
const { listVisibleViews } = await import("@/lib/db/queries/conversation-views");
const views = await import("@/lib/actions/conversation-views");
const { createConversationView } = await import("@/lib/inbox/conversation-views");
const { runService } = await import("@/lib/services/run-service");
const { asSystem } = await import("@/lib/testing/service-scope");
const convo = await import("@/lib/actions/conversations");
const channelActions = await import("@/lib/actions/channels");

type Fixture = Awaited<ReturnType<typeof createWorkspaceFixture>>;
let ws: Fixture;
let other: Fixture;
let secondAgent: string;
let conversationId: string;
let foreignConversationId: string;

async function openConversation(fixture: Fixture, firstName: string) {
  const [contact] = await createContacts(getDb(), fixture.workspaceId, [{ firstName }]);
  const [row] = await getDb()
    .insert(conversations)
    .values({ workspaceId: fixture.workspaceId, contactId: contact!, channelId: fixture.chatChannelId, origin: "inbound", state: "open", openedAt: new Date() })
    .returning({ id: conversations.id });
  return row!.id;
}

beforeAll(async () => {
  ws = await createWorkspaceFixture(getDb());
  other = await createWorkspaceFixture(getDb());
  const [user] = await getDb().insert(users).values({ email: `second-${randomUUID()}@example.com`, name: "Second Agent" }).returning();
  secondAgent = user!.id;
  await getDb().insert(memberships).values({ workspaceId: ws.workspaceId, userId: secondAgent, role: "agent" });
  conversationId = await openConversation(ws, "Ada");
  foreignConversationId = await openConversation(other, "Zed");
});

describe("Conversation Views actions", () => {
  it("saves a personal view only its owner sees, and a shared view everyone sees", async () => {
    signInAs({ id: ws.agentId });
    const personal = await views.createConversationViewAction({ workspaceId: ws.workspaceId, name: "My workflow chats", shared: false, filters: { origin: "workflow", assignee: "me" } });
    const shared = await views.createConversationViewAction({ workspaceId: ws.workspaceId, name: "Support queue", shared: true, filters: { team: ws.teamId } });
    expect(personal.ok && shared.ok).toBe(true);
    const ownerSees = await listVisibleViews({ workspaceId: ws.workspaceId, userId: ws.agentId });
    expect(ownerSees.map((v) => v.name).sort()).toEqual(["My workflow chats", "Support queue"]);
    const otherSees = await listVisibleViews({ workspaceId: ws.workspaceId, userId: secondAgent });
    expect(otherSees.map((v) => v.name)).toEqual(["Support queue"]);
    const foreignSees = await listVisibleViews({ workspaceId: other.workspaceId, userId: other.agentId });
    expect(foreignSees).toEqual([]);
  });

  it("renames, updates and deletes; another member cannot touch a personal view (not found)", async () => {
    signInAs({ id: ws.agentId });
    const created = await views.createConversationViewAction({ workspaceId: ws.workspaceId, name: "Temp", filters: {} });
    if (!created.ok) throw new Error(created.error);
    const viewId = created.data.id;
    expect((await views.renameConversationViewAction({ workspaceId: ws.workspaceId, viewId, name: "Renamed" })).ok).toBe(true);
    expect((await views.updateConversationViewAction({ workspaceId: ws.workspaceId, viewId, shared: true, filters: { priority: "high" } })).ok).toBe(true);
    const [row] = await getDb().select().from(conversationViews).where(eq(conversationViews.id, viewId));
    expect(row).toMatchObject({ name: "Renamed", shared: true, filters: { priority: "high" } });

    // Shared now: a fellow agent sees it but may not change it; an admin may.
    signInAs({ id: secondAgent });
    expect(await views.renameConversationViewAction({ workspaceId: ws.workspaceId, viewId, name: "Mine now" })).toMatchObject({ ok: false, code: "forbidden" });
    signInAs({ id: ws.builderId });
    expect((await views.renameConversationViewAction({ workspaceId: ws.workspaceId, viewId, name: "Tidied" })).ok).toBe(true);

    signInAs({ id: ws.agentId });
    const personal = await views.createConversationViewAction({ workspaceId: ws.workspaceId, name: "Private", filters: {} });
    if (!personal.ok) throw new Error(personal.error);
    signInAs({ id: secondAgent });
    expect(await views.deleteConversationViewAction({ workspaceId: ws.workspaceId, viewId: personal.data.id })).toMatchObject({ ok: false, code: "not_found" });

    signInAs({ id: ws.agentId });
    expect((await views.deleteConversationViewAction({ workspaceId: ws.workspaceId, viewId })).ok).toBe(true);
    expect(await getDb().select().from(conversationViews).where(eq(conversationViews.id, viewId))).toEqual([]);
  });

  it("refuses filters naming another workspace's team, workflow, channel or agent", async () => {
    signInAs({ id: ws.agentId });
    for (const filters of [{ team: other.teamId }, { channelId: other.chatChannelId }, { assignee: other.agentId }, { workflowId: randomUUID() }]) {
      const result = await views.createConversationViewAction({ workspaceId: ws.workspaceId, name: "Probe", filters });
      expect(result, JSON.stringify(filters)).toMatchObject({ ok: false, code: "not_found" });
    }
    const invalid = await views.createConversationViewAction({ workspaceId: ws.workspaceId, name: "Bad", filters: { origin: "telepathy" } as never });
    expect(invalid).toMatchObject({ ok: false, code: "invalid_input" });
  });

  it("an agent of another workspace gets not found for a view by action, even with its id", async () => {
    signInAs({ id: ws.agentId });
    const created = await views.createConversationViewAction({ workspaceId: ws.workspaceId, name: "Shared", shared: true, filters: {} });
    if (!created.ok) throw new Error(created.error);
    signInAs({ id: other.agentId });
    // Through their own workspace: the view is not there.
    expect(await views.deleteConversationViewAction({ workspaceId: other.workspaceId, viewId: created.data.id })).toMatchObject({ ok: false, code: "not_found" });
    // Naming the workspace they are not a member of: not found too, not "forbidden".
    expect(await views.deleteConversationViewAction({ workspaceId: ws.workspaceId, viewId: created.data.id })).toMatchObject({ ok: false, code: "not_found" });
  });
});

describe("Conversation Views service", () => {
  it("belongs to people: Parley itself or an API key acting in the workspace cannot save a view", async () => {
    const system = await asSystem(ws.workspaceId);
    const asKey = { ...system, actor: { type: "api_key" as const, apiKeyId: randomUUID(), name: "Bot" } };
    for (const scope of [system, asKey]) {
      await expect(runService(scope, createConversationView, { name: "Nobody's", shared: true, filters: {} })).rejects.toMatchObject({ code: "forbidden" });
    }
    expect(await getDb().select().from(conversationViews).where(eq(conversationViews.name, "Nobody's"))).toEqual([]);
  });
});

describe("conversation actions", () => {
  it("replies, notes, assigns, prioritises, snoozes, closes and reopens through the state machine", async () => {
    signInAs({ id: ws.agentId });
    const base = { workspaceId: ws.workspaceId, conversationId };
    const reply = await convo.postConversationMessageAction({ ...base, kind: "message", body: textToDocument("On it!"), dedupeKey: randomUUID() });
    const note = await convo.postConversationMessageAction({ ...base, kind: "note", body: textToDocument("Customer is on the pro plan"), dedupeKey: randomUUID() });
    expect(reply.ok && note.ok).toBe(true);
    const kinds = await getDb().select({ kind: messages.kind, text: messages.text }).from(messages).where(eq(messages.conversationId, conversationId));
    expect(kinds).toEqual(expect.arrayContaining([{ kind: "message", text: "On it!" }, { kind: "note", text: "Customer is on the pro plan" }]));

    expect((await convo.assignConversationAction({ ...base, assignee: { type: "team", teamId: ws.teamId } })).ok).toBe(true);
    expect((await convo.setConversationPriorityAction({ ...base, priority: "high" })).ok).toBe(true);
    expect((await convo.snoozeConversationAction({ ...base, until: new Date(Date.now() + 3_600_000).toISOString() })).ok).toBe(true);
    let [row] = await getDb().select().from(conversations).where(eq(conversations.id, conversationId));
    expect(row).toMatchObject({ state: "snoozed", priority: "high", assigneeTeamId: ws.teamId });
    expect((await convo.closeConversationAction(base)).ok).toBe(true);
    expect((await convo.reopenConversationAction(base)).ok).toBe(true);
    [row] = await getDb().select().from(conversations).where(eq(conversations.id, conversationId));
    expect(row!.state).toBe("open");
  });

  it("refuses an empty reply, a snooze in the past and a team of another workspace", async () => {
    signInAs({ id: ws.agentId });
    const base = { workspaceId: ws.workspaceId, conversationId };
    expect(await convo.postConversationMessageAction({ ...base, kind: "message", body: textToDocument("   "), dedupeKey: randomUUID() })).toMatchObject({ ok: false, code: "invalid_input" });
    expect(await convo.snoozeConversationAction({ ...base, until: new Date(Date.now() - 1000).toISOString() })).toMatchObject({ ok: false, code: "invalid_input" });
    expect(await convo.assignConversationAction({ ...base, assignee: { type: "team", teamId: other.teamId } })).toMatchObject({ ok: false, code: "not_found" });
  });

  it("an agent of another workspace gets not found for every action on a conversation", async () => {
    signInAs({ id: other.agentId });
    const attempts = [
      // Their own workspace id with our conversation id: resolved in their workspace, not found.
      convo.postConversationMessageAction({ workspaceId: other.workspaceId, conversationId, kind: "message", body: textToDocument("hi"), dedupeKey: randomUUID() }),
      convo.closeConversationAction({ workspaceId: other.workspaceId, conversationId }),
      convo.setConversationPriorityAction({ workspaceId: other.workspaceId, conversationId, priority: "high" }),
      convo.assignConversationAction({ workspaceId: other.workspaceId, conversationId, assignee: { type: "unassigned" } }),
      convo.snoozeConversationAction({ workspaceId: other.workspaceId, conversationId, until: new Date(Date.now() + 60_000).toISOString() }),
      // Our workspace id: they are not a member, and membership failure is "not found" as well.
      convo.closeConversationAction({ workspaceId: ws.workspaceId, conversationId }),
    ];
    for (const result of await Promise.all(attempts)) expect(result).toMatchObject({ ok: false, code: "not_found" });
    const [row] = await getDb().select().from(conversations).where(eq(conversations.id, conversationId));
    expect(row!.state).toBe("open");
    // And their own conversation still works for them.
    expect((await convo.closeConversationAction({ workspaceId: other.workspaceId, conversationId: foreignConversationId })).ok).toBe(true);
  });

  it("refuses everything without a session", async () => {
    signedIn.user = null;
    expect(await convo.closeConversationAction({ workspaceId: ws.workspaceId, conversationId })).toMatchObject({ ok: false, code: "unauthorized" });
  });
});

describe("channel settings actions", () => {
  it("only owners and admins create and rename chat channels", async () => {
    signInAs({ id: ws.agentId });
    expect(await channelActions.createChatChannelAction({ workspaceId: ws.workspaceId, name: "Agent's channel" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await channelActions.renameChannelAction({ workspaceId: ws.workspaceId, channelId: ws.chatChannelId, name: "Hacked" })).toMatchObject({ ok: false, code: "forbidden" });

    signInAs({ id: ws.builderId });
    const created = await channelActions.createChatChannelAction({ workspaceId: ws.workspaceId, name: "Help center chat" });
    if (!created.ok) throw new Error(created.error);
    const [row] = await getDb().select().from(channels).where(eq(channels.id, created.data.id));
    expect(row).toMatchObject({ kind: "chat", name: "Help center chat", isDefault: false });
    expect(row!.identitySecret.length).toBeGreaterThanOrEqual(40);
    expect((await channelActions.renameChannelAction({ workspaceId: ws.workspaceId, channelId: created.data.id, name: "Help chat" })).ok).toBe(true);
    // Another workspace's channel is not found, even for an admin here.
    expect(await channelActions.renameChannelAction({ workspaceId: ws.workspaceId, channelId: other.chatChannelId, name: "Mine" })).toMatchObject({ ok: false, code: "not_found" });
    const [foreign] = await getDb().select().from(channels).where(and(eq(channels.id, other.chatChannelId)));
    expect(foreign!.name).toBe("Website chat");
  });
});
