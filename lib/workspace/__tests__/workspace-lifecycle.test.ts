import { describe, expect, it, vi } from "vitest";
import { signedIn, signInAs } from "@/lib/testing/session-mock";

vi.mock("@/lib/auth/session", async () => (await import("@/lib/testing/session-mock")).mockedSessionModule());

const { useTestDatabase } = await import("@/lib/testing/test-database");
await useTestDatabase();

const { and, eq, sql } = await import("drizzle-orm");
const { getDb } = await import("@/lib/db/client");
const { seedDemoData } = await import("@/lib/db/seed/demo-seed");
const { ACME_CHAT_CHANNEL_ID, ACME_WORKSPACE_ID, DEMO_USERS, GLOBEX_WORKSPACE_ID } = await import("@/lib/db/seed/demo-identities");
const { auditLog } = await import("@/lib/db/schema/platform");
const { channels } = await import("@/lib/db/schema/channels");
const { conversations } = await import("@/lib/db/schema/conversations");
const { memberships, workspaces } = await import("@/lib/db/schema/workspaces");
const { createWorkspaceAction, deleteWorkspaceAction, renameWorkspaceAction } = await import("@/lib/actions/workspace");
const { findWorkspaceAccess, getWorkspaceAccess, listUserWorkspaces } = await import("@/lib/auth/membership");
const { call, keyFor } = await import("@/lib/api/__tests__/api-fixtures");
const { GET: getConversationRoute } = await import("@/app/api/v1/conversations/[conversationId]/route");
const { GET: chatMessagesRoute } = await import("@/app/api/chat/[channelId]/messages/route");
const { POST: smsInboundRoute } = await import("@/app/api/sms/[channelId]/inbound/route");
const { chatScope, findChatChannel, openChatSession } = await import("@/lib/chat/chat-session");
const { CHAT_SESSION_HEADER } = await import("@/lib/chat/chat-session-header");
const { systemScopeOfConversation } = await import("@/lib/conversations/system-scope");
const { runService } = await import("@/lib/services/run-service");
const { WORKSPACE_CREATIONS_PER_HOUR } = await import("@/lib/workspace/workspace-lifecycle");

await seedDemoData(getDb());
const [alex, sam, jordan] = DEMO_USERS;

const workspaceRow = async (id: string) => (await getDb().select().from(workspaces).where(eq(workspaces.id, id)))[0];
const auditOf = (workspaceId: string, action: string) =>
  getDb().select().from(auditLog).where(and(eq(auditLog.workspaceId, workspaceId), eq(auditLog.action, action)));

describe("creating a workspace from the switcher", () => {
  it("makes the signed-in person its owner, audits it, and lists it in their switcher", async () => {
    signInAs({ id: sam.id });
    const result = await createWorkspaceAction({ name: "  Northwind  " });
    expect(result).toMatchObject({ ok: true, data: { name: "Northwind" } });
    const id = result.ok ? result.data.id : "";
    expect(await workspaceRow(id)).toMatchObject({ name: "Northwind", plan: "free", deletionStartedAt: null });
    expect(await getDb().select({ userId: memberships.userId, role: memberships.role }).from(memberships).where(eq(memberships.workspaceId, id))).toEqual([
      { userId: sam.id, role: "owner" },
    ]);
    expect(await auditOf(id, "workspace.created")).toMatchObject([{ actorUserId: sam.id, targetId: id, data: { name: "Northwind" } }]);
    expect((await listUserWorkspaces(sam.id)).map((w) => w.name)).toContain("Northwind");
    // Nobody else sees it.
    expect(await findWorkspaceAccess(alex.id, id)).toBeNull();
  });

  it("refuses an empty name and a signed-out caller", async () => {
    signInAs({ id: sam.id });
    expect(await createWorkspaceAction({ name: "   " })).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { name: ["Give the workspace a name."] } });
    signedIn.user = null;
    expect(await createWorkspaceAction({ name: "Anonymous Inc" })).toMatchObject({ ok: false, code: "unauthorized" });
    expect(await getDb().select().from(workspaces).where(eq(workspaces.name, "Anonymous Inc"))).toEqual([]);
  });

  it("limits how many workspaces one person creates an hour", async () => {
    signInAs({ id: jordan.id });
    for (let i = 0; i < WORKSPACE_CREATIONS_PER_HOUR; i++) expect((await createWorkspaceAction({ name: `Spree ${i}` })).ok).toBe(true);
    expect(await createWorkspaceAction({ name: "One too many" })).toMatchObject({ ok: false, code: "rate_limited" });
    expect(await getDb().select().from(workspaces).where(eq(workspaces.name, "One too many"))).toEqual([]);
  });
});

describe("deleting a workspace", () => {
  it("is for owners only", async () => {
    signInAs({ id: sam.id }); // admin of Acme
    expect(await deleteWorkspaceAction({ workspaceId: ACME_WORKSPACE_ID, confirmName: "Acme" })).toMatchObject({ ok: false, code: "forbidden" });
    signInAs({ id: jordan.id }); // agent
    expect(await deleteWorkspaceAction({ workspaceId: ACME_WORKSPACE_ID, confirmName: "Acme" })).toMatchObject({ ok: false, code: "forbidden" });
    expect((await workspaceRow(ACME_WORKSPACE_ID))?.deletionStartedAt).toBeNull();
  });

  it("needs the workspace's name typed exactly", async () => {
    signInAs({ id: alex.id });
    for (const typed of ["", "acme", "Acme Inc", "Globex"]) {
      const result = await deleteWorkspaceAction({ workspaceId: ACME_WORKSPACE_ID, confirmName: typed });
      expect(result).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { confirmName: [expect.stringContaining("“Acme”")] } });
    }
    expect((await workspaceRow(ACME_WORKSPACE_ID))?.deletionStartedAt).toBeNull();
    expect(await auditOf(ACME_WORKSPACE_ID, "workspace.deleted")).toEqual([]);
  });

  it("makes nothing of it readable from the moment it starts: pages, actions, the API, the chat, SMS webhooks, jobs", async () => {
    // Ways in that work before the deletion.
    const apiKey = await keyFor(ACME_WORKSPACE_ID);
    const [conversation] = await getDb().select({ id: conversations.id }).from(conversations).where(eq(conversations.workspaceId, ACME_WORKSPACE_ID)).limit(1);
    const chat = (await findChatChannel(ACME_CHAT_CHANNEL_ID))!;
    const opened = await runService(chatScope(chat, null), openChatSession, { channel: chat, identity: { kind: "anonymous" }, cookieToken: null });
    if (!opened.ok) throw new Error("the chat did not open");
    const [sms] = await getDb()
      .insert(channels)
      .values({
        workspaceId: ACME_WORKSPACE_ID,
        kind: "sms",
        name: "Twilio",
        identitySecret: "s",
        config: { provider: "twilio", fromNumber: "+14155550110", accountSid: "AC123", authToken: "twilio-test-token", baseUrl: "https://api.twilio.com" },
      })
      .returning({ id: channels.id });
    const readConversation = () => call(getConversationRoute, { method: "GET", path: `/api/v1/conversations/${conversation!.id}`, key: apiKey, params: { conversationId: conversation!.id } });
    const readChat = () =>
      chatMessagesRoute(new Request(`http://localhost:3000/api/chat/${chat.id}/messages`, { headers: { [CHAT_SESSION_HEADER]: opened.context.token } }), {
        params: Promise.resolve({ channelId: chat.id }),
      });
    // Unsigned: refused for its signature (403) while the channel exists, "no such channel" (404) once it does not.
    const smsWebhook = () =>
      smsInboundRoute(new Request(`http://localhost:3000/api/sms/${sms!.id}/inbound`, { method: "POST", body: "From=%2B1415&Body=hi" }), {
        params: Promise.resolve({ channelId: sms!.id }),
      });
    expect((await readConversation()).status).toBe(200);
    expect((await readChat()).status).toBe(200);
    expect((await smsWebhook()).status).toBe(403);
    expect(await systemScopeOfConversation(getDb(), conversation!.id)).not.toBeNull();

    signInAs({ id: alex.id });
    expect(await deleteWorkspaceAction({ workspaceId: ACME_WORKSPACE_ID, confirmName: " Acme " })).toEqual({ ok: true, data: { id: ACME_WORKSPACE_ID } });

    expect((await workspaceRow(ACME_WORKSPACE_ID))?.deletionStartedAt).toBeInstanceOf(Date);
    expect(await auditOf(ACME_WORKSPACE_ID, "workspace.deleted")).toMatchObject([{ actorUserId: alex.id, data: { name: "Acme" } }]);
    const jobs = await getDb().execute<{ payload: unknown }>(
      sql`SELECT j.payload FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id WHERE t.identifier = 'workspace-delete'`,
    );
    expect(jobs.rows).toEqual([{ payload: { workspaceId: ACME_WORKSPACE_ID } }]);

    // Every page and action checks access through membership: not found, for the owner and the members alike.
    for (const user of [alex, sam, jordan]) {
      expect(await findWorkspaceAccess(user.id, ACME_WORKSPACE_ID)).toBeNull();
      await expect(getWorkspaceAccess(user.id, ACME_WORKSPACE_ID)).rejects.toMatchObject({ code: "not_found" });
      expect((await listUserWorkspaces(user.id)).map((w) => w.id)).not.toContain(ACME_WORKSPACE_ID);
    }
    expect(await renameWorkspaceAction({ workspaceId: ACME_WORKSPACE_ID, name: "Acme 2" })).toMatchObject({ ok: false, code: "not_found" });
    expect(await deleteWorkspaceAction({ workspaceId: ACME_WORKSPACE_ID, confirmName: "Acme" })).toMatchObject({ ok: false, code: "not_found" });
    // The API key, the chat (page, API and live stream all look the channel up), the SMS webhook, the jobs.
    expect(await readConversation()).toMatchObject({ status: 401 });
    expect((await readChat()).status).toBe(404);
    expect(await findChatChannel(chat.id)).toBeNull();
    expect((await smsWebhook()).status).toBe(404);
    expect(await systemScopeOfConversation(getDb(), conversation!.id)).toBeNull();
    // The owner's other workspace is untouched.
    expect(await findWorkspaceAccess(alex.id, GLOBEX_WORKSPACE_ID)).toMatchObject({ role: "owner" });
  });
});
