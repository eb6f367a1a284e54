import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { OpenChatInput } from "@/lib/chat/chat-session";

const { useTestDatabase } = await import("@/lib/testing/test-database");
await useTestDatabase();

const { eq } = await import("drizzle-orm");
const { getDb } = await import("@/lib/db/client");
const { chatSessions, contacts } = await import("@/lib/db/schema/contacts");
const { createContacts, createWorkspaceFixture } = await import("@/lib/workflow/testing/workspace-fixture");
const { signIdentity, verifyIdentity, readIdentityParams } = await import("@/lib/chat/identity");
const { parseSessionToken, sessionToken } = await import("@/lib/chat/session-token");
const { chatScope, findChatChannel, openChatSession, authenticateChatSession } = await import("@/lib/chat/chat-session");
const { runService } = await import("@/lib/services/run-service");

/** What the chat page does: a visitor not known yet opens the chat. */
const openChat = (channel: OpenChatInput["channel"], identity: OpenChatInput["identity"], cookieToken: OpenChatInput["cookieToken"]) =>
  runService(chatScope(channel, null), openChatSession, { channel, identity, cookieToken });

type Fixture = Awaited<ReturnType<typeof createWorkspaceFixture>>;
let ws: Fixture;
let other: Fixture;

beforeAll(async () => {
  ws = await createWorkspaceFixture(getDb());
  other = await createWorkspaceFixture(getDb());
});

async function channel(fixture: Fixture = ws) {
  const found = await findChatChannel(fixture.chatChannelId);
  if (!found) throw new Error("no channel");
  return found;
}

describe("identity verification", () => {
  it("accepts only the HMAC-SHA256 of the identity under the channel's secret", () => {
    const hash = signIdentity("cust-42", "secret");
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyIdentity("cust-42", hash, "secret")).toBe(true);
    expect(verifyIdentity("cust-42", hash.toUpperCase(), "secret")).toBe(true);
    expect(verifyIdentity("cust-43", hash, "secret")).toBe(false);
    expect(verifyIdentity("cust-42", hash, "other-secret")).toBe(false);
    expect(verifyIdentity("cust-42", "zz", "secret")).toBe(false);
  });

  it("treats half an identity as malformed", () => {
    expect(readIdentityParams(undefined, undefined)).toEqual({ kind: "anonymous" });
    expect(readIdentityParams("x", undefined)).toEqual({ kind: "malformed" });
    expect(readIdentityParams(undefined, "abc")).toEqual({ kind: "malformed" });
  });
});

describe("openChatSession", () => {
  it("fires Session Started: a live Session Started workflow gets a run for the new session's contact", async () => {
    const { createWorkflow, saveDraft } = await import("@/lib/workflow/service/workflows");
    const { publishWorkflow } = await import("@/lib/workflow/service/publish");
    const { runService } = await import("@/lib/services/run-service");
    const { asMember } = await import("@/lib/testing/service-scope");
    const { workflowRuns } = await import("@/lib/db/schema/workflows");
    const { textToDocument } = await import("@/lib/rich-text/document-schema");
    const created = await runService(await asMember(ws.workspaceId, ws.builderId), createWorkflow, { name: "Welcome" });
    const graph = {
      nodes: [
        { id: "trigger", type: "session_started", position: { x: 0, y: 0 }, config: {} },
        { id: "start", type: "start_conversation", position: { x: 0, y: 100 }, config: { message: textToDocument("Welcome!"), senderUserId: ws.agentId } },
      ],
      edges: [{ id: "e", source: "trigger", target: "start", sourceHandle: null, targetHandle: null }],
    };
    await runService(await asMember(ws.workspaceId, ws.builderId), saveDraft, { workflowId: created.workflowId, graph, expectedRevision: created.revision });
    await runService(await asMember(ws.workspaceId, ws.builderId), publishWorkflow, { workflowId: created.workflowId });

    const opened = await openChat(await channel(), { kind: "anonymous" }, null);
    if (!opened.ok) throw new Error("refused");
    const runs = await getDb().select().from(workflowRuns).where(eq(workflowRuns.workflowId, created.workflowId));
    expect(runs.map((r) => r.contactId)).toEqual([opened.context.session.contactId]);
    expect(runs[0]!.context).toMatchObject({ sessionId: opened.context.session.id });
    // Resuming the same session starts nothing new.
    await openChat(await channel(), { kind: "anonymous" }, opened.context.token);
    expect(await getDb().select().from(workflowRuns).where(eq(workflowRuns.workflowId, created.workflowId))).toHaveLength(1);
  });

  it("makes an anonymous visitor a new contact with a new session, and resumes it from the token", async () => {
    const chat = await channel();
    const first = await openChat(chat, { kind: "anonymous" }, null);
    if (!first.ok) throw new Error("refused");
    expect(first.isNew).toBe(true);
    const [contact] = await getDb().select().from(contacts).where(eq(contacts.id, first.context.session.contactId));
    expect(contact).toMatchObject({ workspaceId: ws.workspaceId, externalId: null });

    const again = await openChat(chat, { kind: "anonymous" }, first.context.token);
    expect(again).toMatchObject({ ok: true, isNew: false });
    if (again.ok) expect(again.context.session.id).toBe(first.context.session.id);
  });

  it("opens a verified identity as its contact (external id, then email), creating an unknown one", async () => {
    const chat = await channel();
    const [known] = await createContacts(getDb(), ws.workspaceId, [{ firstName: "Known", email: "Known@Example.com" }]);
    await getDb().update(contacts).set({ externalId: "ext-known" }).where(eq(contacts.id, known!));
    const open = (identity: string) => openChat(chat, { kind: "identified", identity, hash: signIdentity(identity, chat.identitySecret) }, null);

    const byExternalId = await open("ext-known");
    expect(byExternalId.ok && byExternalId.context.session.contactId).toBe(known);
    const byEmail = await open("known@example.com");
    expect(byEmail.ok && byEmail.context.session.contactId).toBe(known);
    const unknown = await open("brand-new-customer");
    if (!unknown.ok) throw new Error("refused");
    const [created] = await getDb().select().from(contacts).where(eq(contacts.id, unknown.context.session.contactId));
    expect(created).toMatchObject({ workspaceId: ws.workspaceId, externalId: "brand-new-customer" });
  });

  it("refuses a wrong or missing signature and creates nothing", async () => {
    const chat = await channel();
    const before = await getDb().select().from(chatSessions);
    const wrongSecret = await openChat(chat, { kind: "identified", identity: "ext-known", hash: signIdentity("ext-known", "guess") }, null);
    const otherIdentity = await openChat(chat, { kind: "identified", identity: "ext-known", hash: signIdentity("someone-else", chat.identitySecret) }, null);
    const malformed = await openChat(chat, { kind: "malformed" }, null);
    for (const result of [wrongSecret, otherIdentity, malformed]) expect(result).toEqual({ ok: false, reason: "bad_identity" });
    expect(await getDb().select().from(chatSessions)).toHaveLength(before.length);
  });

  it("does not resume a session that belongs to someone else than the verified identity", async () => {
    const chat = await channel();
    const anonymous = await openChat(chat, { kind: "anonymous" }, null);
    if (!anonymous.ok) throw new Error("refused");
    const identity = "ext-known";
    const identified = await openChat(chat, { kind: "identified", identity, hash: signIdentity(identity, chat.identitySecret) }, anonymous.context.token);
    expect(identified.ok && identified.isNew).toBe(true);
    expect(identified.ok && identified.context.session.id).not.toBe(anonymous.context.session.id);
  });

  it("on a shared computer, shows an identified customer's chat only with their identity: a later anonymous visit starts afresh", async () => {
    const chat = await channel();
    const identity = "ext-shared-computer";
    const signed = { kind: "identified" as const, identity, hash: signIdentity(identity, chat.identitySecret) };
    const customer = await openChat(chat, signed, null);
    if (!customer.ok) throw new Error("refused");
    // The same browser, the cookie still set, opens the chat with no identity: a new visitor.
    const nextVisitor = await openChat(chat, { kind: "anonymous" }, customer.context.token);
    if (!nextVisitor.ok) throw new Error("refused");
    expect(nextVisitor.isNew).toBe(true);
    expect(nextVisitor.context.session.contactId).not.toBe(customer.context.session.contactId);
    // The customer, signed in again, gets their own session back.
    const back = await openChat(chat, signed, customer.context.token);
    expect(back).toMatchObject({ ok: true, isNew: false });
    expect(back.ok && back.context.session.id).toBe(customer.context.session.id);
    // A contact who became known since (an agent added their email) is no longer resumed anonymously.
    const anonymous = await openChat(chat, { kind: "anonymous" }, null);
    if (!anonymous.ok) throw new Error("refused");
    await getDb().update(contacts).set({ email: "now-known@example.com" }).where(eq(contacts.id, anonymous.context.session.contactId));
    const later = await openChat(chat, { kind: "anonymous" }, anonymous.context.token);
    expect(later.ok && later.context.session.id).not.toBe(anonymous.context.session.id);
  });

  it("accepts a session token only on its own channel and with its own mac", async () => {
    const chat = await channel();
    const foreignChat = await channel(other);
    const opened = await openChat(chat, { kind: "anonymous" }, null);
    if (!opened.ok) throw new Error("refused");
    expect(await authenticateChatSession(chat, opened.context.token)).not.toBeNull();
    // The same session id presented to another workspace's channel, even re-signed with that channel's secret.
    expect(await authenticateChatSession(foreignChat, opened.context.token)).toBeNull();
    expect(await authenticateChatSession(foreignChat, sessionToken(opened.context.session.id, foreignChat.identitySecret))).toBeNull();
    // A forged mac, or a bare session id.
    const parsed = parseSessionToken(opened.context.token)!;
    expect(await authenticateChatSession(chat, `${parsed.sessionId}.${"A".repeat(43)}`)).toBeNull();
    expect(await authenticateChatSession(chat, parsed.sessionId)).toBeNull();
    expect(await authenticateChatSession(chat, `${randomUUID()}.${parsed.mac}`)).toBeNull();
  });

  it("has no chat page for an SMS channel or an unknown id", async () => {
    expect(await findChatChannel(ws.smsChannelId)).toBeNull();
    expect(await findChatChannel(randomUUID())).toBeNull();
    expect(await findChatChannel("not-a-uuid")).toBeNull();
  });
});
