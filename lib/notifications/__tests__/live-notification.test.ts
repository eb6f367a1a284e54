import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { assignConversation } from "@/lib/conversations/agent-actions";
import { recordContactMessage } from "@/lib/conversations/record-contact-message";
import { getDb, type DbOrTx } from "@/lib/db/client";
import { conversations } from "@/lib/db/schema/conversations";
import { notificationPreferences } from "@/lib/db/schema/notifications";
import { liveEventSchema, type LiveEvent } from "@/lib/live/live-event";
import { liveNotificationFor } from "@/lib/notifications/live-notification";
import { runService } from "@/lib/services/run-service";
import { asContact, asMember } from "@/lib/testing/service-scope";
import { useTestDatabase } from "@/lib/testing/test-database";
import { createContacts, createWorkspaceFixture, type WorkspaceFixture } from "@/lib/workflow/testing/workspace-fixture";

await useTestDatabase();

let ws: WorkspaceFixture;
beforeAll(async () => {
  ws = await createWorkspaceFixture(getDb());
});

const contactWrites = async (contactId: string, text: string) =>
  runService(await asContact(ws.workspaceId, contactId), recordContactMessage, { channelId: ws.chatChannelId, contactId, text });
const assign = async (conversationId: string, assignee: { type: "user"; userId: string } | { type: "team"; teamId: string }, by = ws.builderId) =>
  runService(await asMember(ws.workspaceId, by), assignConversation, { conversationId, assignee });
const event = (conversationId: string, type: string, actorUserId?: string): LiveEvent => ({ workspaceId: ws.workspaceId, conversationId, type, actorUserId });
const forAgent = (e: LiveEvent) => liveNotificationFor(getDb(), ws.agentId, e);

async function newConversation(name: string) {
  const [contact] = await createContacts(getDb(), ws.workspaceId, [{ firstName: name }]);
  const { conversationId } = await contactWrites(contact!, `Hello from ${name}`);
  return { conversationId, contactId: contact! };
}

describe("what an agent's browser is notified of", () => {
  it("a conversation assigned to them by someone else, not by themselves", async () => {
    const { conversationId } = await newConversation("Ana");
    await assign(conversationId, { type: "user", userId: ws.agentId });
    expect(await forAgent(event(conversationId, "conversation.assigned", ws.builderId))).toMatchObject({
      kind: "new_conversation",
      conversationId,
      title: "Ana: a conversation for you",
      body: "Hello from Ana",
      desktop: true,
    });
    expect(await forAgent(event(conversationId, "conversation.assigned", ws.agentId))).toBeNull();
  });

  it("a conversation in one of their teams' queues, but not one assigned to a colleague or to nobody", async () => {
    const queued = await newConversation("Bo");
    await assign(queued.conversationId, { type: "team", teamId: ws.teamId });
    expect(await forAgent(event(queued.conversationId, "conversation.assigned"))).toMatchObject({ kind: "new_conversation", title: "Bo: new in your team's queue" });

    const colleague = await newConversation("Cy");
    await assign(colleague.conversationId, { type: "user", userId: ws.builderId });
    expect(await forAgent(event(colleague.conversationId, "conversation.assigned"))).toBeNull();

    const nobody = await newConversation("Di");
    expect(await forAgent(event(nobody.conversationId, "conversation.created"))).toBeNull();
  });

  it("a contact's message in a conversation assigned to them, each message once", async () => {
    const { conversationId, contactId } = await newConversation("Eve");
    await assign(conversationId, { type: "user", userId: ws.agentId });
    const { messageId } = await contactWrites(contactId, "Are you there?");
    const got = await forAgent(event(conversationId, "message.created"));
    expect(got).toMatchObject({ kind: "contact_message", title: "New message from Eve", body: "Are you there?", key: `message:${messageId}` });
    // A colleague's conversation: not theirs to hear of.
    await assign(conversationId, { type: "user", userId: ws.builderId });
    await contactWrites(contactId, "Hello?");
    expect(await forAgent(event(conversationId, "message.created"))).toBeNull();
  });

  it("a contact's message event carries its assignee's notice: the same notification, without a query", async () => {
    const [contact] = await createContacts(getDb(), ws.workspaceId, [{ firstName: "Hal", lastName: "Noble", email: "hal@example.test" }]);
    const { conversationId } = await contactWrites(contact!, "First");
    await assign(conversationId, { type: "user", userId: ws.agentId });
    const carried = async (text: string) => {
      const { messageId } = await contactWrites(contact!, text);
      const [row] = (await getDb().execute<{ id: number; payload: unknown }>(sql`
        SELECT id::int AS id, payload FROM live_events WHERE payload->>'conversationId' = ${conversationId} AND payload->>'type' = 'message.created' ORDER BY id DESC LIMIT 1`)).rows;
      return { messageId, event: liveEventSchema.parse({ ...(row!.payload as object), id: row!.id }) };
    };
    // Any query would throw: the stream asks the database nothing.
    const noDatabase = new Proxy({}, { get: () => { throw new Error("asked the database"); } }) as DbOrTx;

    const { messageId, event: written } = await carried("Are you still there?");
    expect(written.assigneeNotice).toMatchObject({ messageId, firstName: "Hal", preview: "Are you still there?", contactMessage: true, desktop: true });
    const fromEvent = await liveNotificationFor(noDatabase, ws.agentId, written);
    expect(fromEvent).toEqual({ kind: "contact_message", conversationId, key: `message:${messageId}`, title: "New message from Hal Noble", body: "Are you still there?", desktop: true });
    expect(await liveNotificationFor(getDb(), ws.agentId, { ...written, assigneeNotice: undefined })).toEqual(fromEvent);
    // Only the assignee's: a colleague's stream is not told, and asks nothing either.
    expect(await liveNotificationFor(noDatabase, ws.builderId, written)).toBeNull();

    // Their preferences as the message found them.
    await getDb().insert(notificationPreferences).values({ userId: ws.agentId, desktop: false });
    expect(await liveNotificationFor(noDatabase, ws.agentId, (await carried("Hello?")).event)).toMatchObject({ desktop: false });
    await getDb().update(notificationPreferences).set({ contactMessage: false }).where(eq(notificationPreferences.userId, ws.agentId));
    expect(await liveNotificationFor(noDatabase, ws.agentId, (await carried("Hello??")).event)).toBeNull();
    await getDb().delete(notificationPreferences).where(eq(notificationPreferences.userId, ws.agentId));
  });

  it("nothing for a closed conversation, another workspace's event, or what they turned off; desktop as they chose", async () => {
    const { conversationId } = await newConversation("Flo");
    await assign(conversationId, { type: "user", userId: ws.agentId });
    const other = await createWorkspaceFixture(getDb());
    expect(await forAgent({ ...event(conversationId, "conversation.assigned"), workspaceId: other.workspaceId })).toBeNull();

    await getDb().insert(notificationPreferences).values({ userId: ws.agentId, newConversation: false, desktop: false });
    expect(await forAgent(event(conversationId, "conversation.assigned"))).toBeNull();
    await getDb().update(notificationPreferences).set({ newConversation: true }).where(eq(notificationPreferences.userId, ws.agentId));
    expect(await forAgent(event(conversationId, "conversation.assigned"))).toMatchObject({ desktop: false });

    await getDb().update(conversations).set({ state: "closed", closedAt: new Date() }).where(eq(conversations.id, conversationId));
    expect(await forAgent(event(conversationId, "conversation.assigned"))).toBeNull();
    await getDb().delete(notificationPreferences).where(eq(notificationPreferences.userId, ws.agentId));
  });

  it("every agent's stream asking about one event at once gets its own answer (they share one lookup)", async () => {
    const { conversationId, contactId } = await newConversation("Gus");
    await assign(conversationId, { type: "user", userId: ws.agentId });
    const { messageId } = await contactWrites(contactId, "Anyone?");
    // The listener hands every stream the same event object, in the same tick.
    const shared = event(conversationId, "message.created");
    const [agent, builder, again] = await Promise.all([forAgent(shared), liveNotificationFor(getDb(), ws.builderId, shared), forAgent(shared)]);
    expect(agent).toMatchObject({ kind: "contact_message", title: "New message from Gus", body: "Anyone?", key: `message:${messageId}` });
    expect(again).toEqual(agent);
    expect(builder).toBeNull();

    // A queue event: the team's member hears of it, the admin outside the team does not, the actor never.
    await assign(conversationId, { type: "team", teamId: ws.teamId });
    const queued = event(conversationId, "conversation.assigned", ws.builderId);
    const [member, actor] = await Promise.all([forAgent(queued), liveNotificationFor(getDb(), ws.builderId, queued)]);
    expect(member).toMatchObject({ kind: "new_conversation", title: "Gus: new in your team's queue" });
    expect(actor).toBeNull();
  });
});
