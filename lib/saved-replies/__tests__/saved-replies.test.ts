import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { signInAs } from "@/lib/testing/session-mock";

vi.mock("@/lib/auth/session", async () => (await import("@/lib/testing/session-mock")).mockedSessionModule());

const { useTestDatabase } = await import("@/lib/testing/test-database");
await useTestDatabase();

const { eq } = await import("drizzle-orm");
const { getDb } = await import("@/lib/db/client");
const { conversations } = await import("@/lib/db/schema/conversations");
const { auditLog } = await import("@/lib/db/schema/platform");
const { listSavedReplies } = await import("@/lib/db/queries/saved-replies");
const { runService } = await import("@/lib/services/run-service");
const { asMember } = await import("@/lib/testing/service-scope");
const { createContacts, createWorkspaceFixture } = await import("@/lib/workflow/testing/workspace-fixture");
const { textToDocument } = await import("@/lib/rich-text/document-schema");
const { createSavedReply, deleteSavedReply, fillSavedReply, updateSavedReply } = await import("@/lib/saved-replies/saved-replies");
const actions = await import("@/lib/actions/saved-replies");
const { postConversationMessageAction } = await import("@/lib/actions/conversations");

type Fixture = Awaited<ReturnType<typeof createWorkspaceFixture>>;
let ws: Fixture;
let other: Fixture;
let conversationId: string;
let otherConversationId: string;

const admin = () => asMember(ws.workspaceId, ws.builderId);
const agent = () => asMember(ws.workspaceId, ws.agentId);
const body = (text: string) => textToDocument(text);
const titles = async (userId: string) => (await listSavedReplies({ workspaceId: ws.workspaceId, userId })).map((r) => r.title);

async function openConversation(fixture: Fixture, contactId: string) {
  const id = randomUUID();
  await getDb().insert(conversations).values({ id, workspaceId: fixture.workspaceId, contactId, channelId: fixture.chatChannelId, origin: "inbound", state: "open", openedAt: new Date() });
  return id;
}

beforeAll(async () => {
  ws = await createWorkspaceFixture(getDb());
  other = await createWorkspaceFixture(getDb());
  const [ada] = await createContacts(getDb(), ws.workspaceId, [{ firstName: "Ada", email: "ada@example.com", attributes: { plan: "Pro" } }]);
  const [zed] = await createContacts(getDb(), other.workspaceId, [{ firstName: "Zed" }]);
  conversationId = await openConversation(ws, ada!);
  otherConversationId = await openConversation(other, zed!);
});

describe("saved replies", () => {
  it("keeps an agent's personal replies to themselves", async () => {
    await runService(await agent(), createSavedReply, { title: "My sign-off", body: body("Cheers, Sam"), shared: false });
    expect(await titles(ws.agentId)).toContain("My sign-off");
    expect(await titles(ws.builderId)).not.toContain("My sign-off");
  });

  it("lets only owners and admins create, change and delete shared replies, and audits them", async () => {
    await expect(runService(await agent(), createSavedReply, { title: "Refund policy", body: body("30 days."), shared: true })).rejects.toMatchObject({ code: "forbidden" });
    const { id } = await runService(await admin(), createSavedReply, { title: "Refund policy", body: body("Refunds within 30 days."), shared: true });
    // Every member sees and uses it.
    expect(await titles(ws.agentId)).toContain("Refund policy");
    await expect(runService(await agent(), updateSavedReply, { savedReplyId: id, title: "Mine now", body: body("x"), shared: false })).rejects.toMatchObject({ code: "forbidden" });
    await expect(runService(await agent(), deleteSavedReply, { savedReplyId: id })).rejects.toMatchObject({ code: "forbidden" });
    await runService(await admin(), updateSavedReply, { savedReplyId: id, title: "Refund policy (2026)", body: body("Refunds within 60 days."), shared: true });
    expect(await titles(ws.agentId)).toContain("Refund policy (2026)");
    await runService(await admin(), deleteSavedReply, { savedReplyId: id });
    expect(await titles(ws.agentId)).not.toContain("Refund policy (2026)");
    const logged = await getDb().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, id));
    expect(logged.map((row) => row.action).sort()).toEqual(["saved_reply.created", "saved_reply.deleted", "saved_reply.updated"]);
  });

  it("does not let an agent share their personal reply, nor touch another member's", async () => {
    const { id } = await runService(await agent(), createSavedReply, { title: "Private", body: body("hi"), shared: false });
    await expect(runService(await agent(), updateSavedReply, { savedReplyId: id, title: "Private", body: body("hi"), shared: true })).rejects.toMatchObject({ code: "forbidden" });
    // Another member, even an admin, cannot see it: "not found".
    await expect(runService(await admin(), deleteSavedReply, { savedReplyId: id })).rejects.toMatchObject({ code: "not_found" });
  });

  it("is never reachable from another workspace", async () => {
    const { id } = await runService(await admin(), createSavedReply, { title: "Shared here", body: body("hello"), shared: true });
    const outsider = await asMember(other.workspaceId, other.builderId);
    await expect(runService(outsider, deleteSavedReply, { savedReplyId: id })).rejects.toMatchObject({ code: "not_found" });
    await expect(runService(outsider, fillSavedReply, { savedReplyId: id, conversationId: otherConversationId })).rejects.toMatchObject({ code: "not_found" });
    // Nor fills in for another workspace's conversation.
    await expect(runService(await agent(), fillSavedReply, { savedReplyId: id, conversationId: otherConversationId })).rejects.toMatchObject({ code: "not_found" });
  });

  it("is filled in for the conversation's contact by the one renderer, a missing variable left as a gap that a send refuses", async () => {
    const doc = body('Hi {{first_name}}, your {{plan}} plan at {{company | fallback: "your company"}} renews on {{renewal_date}}. {{sender.name}}');
    const { id } = await runService(await admin(), createSavedReply, { title: "Renewal", body: doc, shared: true });
    const filled = await runService(await agent(), fillSavedReply, { savedReplyId: id, conversationId });
    expect(filled.title).toBe("Renewal");
    expect(filled.gaps).toEqual(["renewal_date"]);
    expect(filled.doc.content[0]).toEqual({
      type: "paragraph",
      content: [
        { type: "text", text: "Hi Ada, your Pro plan at your company renews on " },
        { type: "variable", attrs: { name: "renewal_date", fallback: null } },
        { type: "text", text: ". Sam Support" },
      ],
    });

    // Sent as inserted, the gap is refused with a clear message; filled, it goes out.
    signInAs({ id: ws.agentId });
    const refused = await postConversationMessageAction({ workspaceId: ws.workspaceId, conversationId, kind: "message", body: filled.doc, dedupeKey: randomUUID() });
    expect(refused).toMatchObject({ ok: false, code: "missing_variables" });
    expect(JSON.stringify(refused)).toContain("{{renewal_date}} has no value for this contact and no fallback");
  });

  it("goes through actions that check membership and parse input", async () => {
    signInAs({ id: other.agentId });
    const outsider = await actions.createSavedReplyAction({ workspaceId: ws.workspaceId, title: "x", body: body("x"), shared: false });
    expect(outsider.ok).toBe(false);
    signInAs({ id: ws.agentId });
    const empty = await actions.createSavedReplyAction({ workspaceId: ws.workspaceId, title: "Empty", body: { type: "doc", content: [{ type: "paragraph" }] }, shared: false });
    expect(empty).toMatchObject({ ok: false, code: "invalid_input" });
    const created = await actions.createSavedReplyAction({ workspaceId: ws.workspaceId, title: "Via action", body: body("ok"), shared: false });
    expect(created.ok).toBe(true);
  });
});
