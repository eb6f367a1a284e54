import pg from "pg";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { chatSessions } from "@/lib/db/schema/contacts";
import type { SafeError } from "@/lib/errors";
import { startWorker, type WorkerHandle } from "@/lib/jobs/run-worker";
import { textToDocument } from "@/lib/rich-text/document-schema";
import { renderMessage } from "@/lib/rich-text/render";
import { useTestDatabase } from "@/lib/testing/test-database";
import { conversationOf, messagesOf } from "@/lib/workflow/testing/scenario";
import { createContacts, createWorkspaceFixture, waitFor, type WorkspaceFixture } from "@/lib/workflow/testing/workspace-fixture";
import {
  addNotes,
  assignConversation,
  assignConversations,
  closeConversation,
  closeConversations,
  postAgentMessage,
  postBotMessage,
  reopenConversation,
  setConversationPriority,
  snoozeConversation,
  wakeSnoozedConversation,
} from "@/lib/conversations/agent-actions";
import { LIVE_CHANNEL as EVENTS_CHANNEL } from "@/lib/live/live-event";
import { recordContactMessage } from "@/lib/conversations/record-contact-message";
import type { RecordContactMessageInput } from "@/lib/conversations/record-contact-message.validation";
import { startConversation } from "@/lib/conversations/start-conversation";
import { runService } from "@/lib/services/run-service";
import type { ServiceContext } from "@/lib/services/service-context";
import { asContact, asMember, asSystem } from "@/lib/testing/service-scope";

const { url } = await useTestDatabase();

let ws: WorkspaceFixture;
let worker: WorkerHandle;
let listener: pg.Client;
const events: { workspaceId: string; conversationId: string; type: string; id?: number; contactId?: string; assigneeUserId?: string }[] = [];
beforeAll(async () => {
  ws = await createWorkspaceFixture(getDb());
  worker = await startWorker({ connectionString: url, concurrency: 1 });
  listener = new pg.Client({ connectionString: url });
  await listener.connect();
  listener.on("notification", (n) => events.push(JSON.parse(n.payload!)));
  await listener.query(`LISTEN ${EVENTS_CHANNEL}`);
});
afterAll(async () => {
  await listener?.end();
  await worker?.stop();
});

/** The contact writes in, as the chat or an SMS would record it. */
const reply = async (workspaceId: string, input: Omit<RecordContactMessageInput, "sessionId" | "dedupeKey"> & Partial<RecordContactMessageInput>) =>
  runService(await asContact(workspaceId, input.contactId), recordContactMessage, input);

const caught = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e as SafeError);
const eventsFor = (conversationId: string) => events.filter((e) => e.conversationId === conversationId).map((e) => e.type);

function content(text: string) {
  const rendered = renderMessage(textToDocument(text), { contact: {} });
  if (!rendered.ok) throw new Error("render failed");
  return rendered;
}

describe("recordContactMessage", () => {
  it("creates an inbound open conversation when the contact has none, then appends to it", async () => {
    const [contact] = await createContacts(getDb(), ws.workspaceId, [{ firstName: "Ina", lastName: "Bound" }]);
    const first = await reply(ws.workspaceId, { channelId: ws.chatChannelId, contactId: contact!, text: "Hi\n\nAnyone there?" });
    expect(first).toMatchObject({ createdConversation: true, opened: false, duplicate: false });
    const conversation = await conversationOf(first.conversationId);
    expect(conversation).toMatchObject({ state: "open", opened: true, waiting: true, direction: "from_contact" });
    const second = await reply(ws.workspaceId, { channelId: ws.chatChannelId, contactId: contact!, text: "Hello?", dedupeKey: "sms-1" });
    expect(second.conversationId).toBe(first.conversationId);
    const again = await reply(ws.workspaceId, { channelId: ws.chatChannelId, contactId: contact!, text: "Hello?", dedupeKey: "sms-1" });
    expect(again).toMatchObject({ duplicate: true, messageId: second.messageId });
    expect((await messagesOf(first.conversationId)).map((m) => [m.author_type, m.author_name, m.text])).toEqual([
      ["contact", "Ina Bound", "Hi\n\nAnyone there?"],
      ["contact", "Ina Bound", "Hello?"],
    ]);
    await waitFor(async () => eventsFor(first.conversationId).length >= 3, { what: "notifications" });
    expect(eventsFor(first.conversationId)).toEqual(["conversation.created", "message.created", "message.created"]);
    expect(events.find((e) => e.conversationId === first.conversationId)!.workspaceId).toBe(ws.workspaceId);
    // The first message's event goes out after the conversation's own; the next one's is written
    // with the message itself. Both say the same, each with its stored id; the resent one wrote none.
    const [viaEvents, viaWrite] = events.filter((e) => e.conversationId === first.conversationId && e.type === "message.created").map(({ id, ...said }) => ({ id: id!, said }));
    expect(viaWrite!.said).toEqual({ workspaceId: ws.workspaceId, conversationId: first.conversationId, type: "message.created", contactId: contact });
    expect(viaEvents!.said).toEqual(viaWrite!.said);
    expect(viaWrite!.id).toBeGreaterThan(viaEvents!.id);
    const stored = await getDb().execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM live_events WHERE payload->>'conversationId' = ${first.conversationId}`);
    expect(stored.rows[0]!.n).toBe(3);

    // Assigned, the event names the assignee (whose inbox it notifies).
    await runService(await asMember(ws.workspaceId, ws.agentId), assignConversation, { conversationId: first.conversationId, assignee: { type: "user", userId: ws.agentId } });
    await reply(ws.workspaceId, { channelId: ws.chatChannelId, contactId: contact!, text: "Still there?" });
    await waitFor(async () => events.some((e) => e.conversationId === first.conversationId && e.type === "message.created" && e.assigneeUserId), { what: "the assigned message's event" });
    expect(events.filter((e) => e.conversationId === first.conversationId && e.type === "message.created").at(-1)).toMatchObject({ contactId: contact, assigneeUserId: ws.agentId });
  });

  it("answers the campaign pinned to this session, not one pinned to another session", async () => {
    const [contact] = await createContacts(getDb(), ws.workspaceId, [{ firstName: "Pia" }]);
    const [s1, s2] = await getDb()
      .insert(chatSessions)
      .values([
        { workspaceId: ws.workspaceId, channelId: ws.chatChannelId, contactId: contact! },
        { workspaceId: ws.workspaceId, channelId: ws.chatChannelId, contactId: contact! },
      ])
      .returning();
    const pinned = await runService(await asSystem(ws.workspaceId), startConversation, {
      contactId: contact!,
      channelId: ws.chatChannelId,
      origin: "api",
      direction: "to_contact",
      startWith: "message",
      content: content("From the bot"),
      openMode: "after_reply",
      sender: { userId: null, name: "Bot" },
      assignOnOpen: { type: "user", userId: ws.agentId },
      customerDestination: s1!.id,
      externalRef: "bot-42",
      thirdParty: false,
      dedupeKey: "api:first",
    });
    expect(pinned.created).toBe(true);
    const other = await reply(ws.workspaceId, { channelId: ws.chatChannelId, contactId: contact!, text: "From s2", sessionId: s2!.id });
    expect(other.createdConversation).toBe(true);
    expect((await conversationOf(pinned.conversationId)).state).toBe("campaign");
    const answer = await reply(ws.workspaceId, { channelId: ws.chatChannelId, contactId: contact!, text: "From s1", sessionId: s1!.id });
    expect(answer).toMatchObject({ conversationId: pinned.conversationId, opened: true });
    expect(await conversationOf(pinned.conversationId)).toMatchObject({ state: "open", assignee_user_id: ws.agentId });
    await waitFor(async () => eventsFor(pinned.conversationId).includes("conversation.opened"), { what: "the opened event" });
  });

  it("refuses a contact or channel of another workspace and writes nothing", async () => {
    const stranger = await createWorkspaceFixture(getDb());
    const [theirs] = await createContacts(getDb(), stranger.workspaceId, [{ firstName: "Zed" }]);
    const error = await caught(reply(ws.workspaceId, { channelId: ws.chatChannelId, contactId: theirs!, text: "hi" }));
    expect(error).toMatchObject({ code: "not_found" });
    const error2 = await caught(reply(stranger.workspaceId, { channelId: ws.chatChannelId, contactId: theirs!, text: "hi" }));
    expect(error2).toMatchObject({ code: "not_found" });
    const rows = await getDb().execute(sql`SELECT 1 FROM conversations WHERE contact_id = ${theirs}`);
    expect(rows.rows).toHaveLength(0);
  });
});

describe("agent actions", () => {
  it("assigns, answers, notes, sets priority, snoozes (woken by its job or a reply), closes and reopens, through the state machine", async () => {
    const [contact] = await createContacts(getDb(), ws.workspaceId, [{ firstName: "Ada" }]);
    const { conversationId } = await reply(ws.workspaceId, { channelId: ws.chatChannelId, contactId: contact!, text: "Help" });
    const scope = { conversationId };
    const agent = await asMember(ws.workspaceId, ws.agentId);
    const as = <I, O>(service: (ctx: ServiceContext, input: I) => Promise<O>, input: I) => runService(agent, service, input);

    await as(assignConversation, { ...scope, assignee: { type: "team", teamId: ws.teamId } });
    expect(await conversationOf(conversationId)).toMatchObject({ assignee_team_id: ws.teamId });
    const stranger = await createWorkspaceFixture(getDb());
    expect(await caught(as(assignConversation, { ...scope, assignee: { type: "user", userId: stranger.agentId } }))).toMatchObject({ code: "not_found" });
    expect(await caught(runService(await asMember(stranger.workspaceId, stranger.agentId), assignConversation, { conversationId, assignee: { type: "unassigned" } }))).toMatchObject({ code: "not_found" });

    await as(postAgentMessage, { ...scope, kind: "message", body: textToDocument("Hi {{first_name}}, on it") });
    await as(postAgentMessage, { ...scope, kind: "note", body: textToDocument("Checking logs") });
    expect((await messagesOf(conversationId)).slice(1)).toEqual([
      { kind: "message", author_type: "agent", author_name: "Sam Support", text: "Hi Ada, on it" },
      { kind: "note", author_type: "agent", author_name: "Sam Support", text: "Checking logs" },
    ]);
    expect((await conversationOf(conversationId)).waiting).toBe(false);
    expect(await caught(as(postAgentMessage, { ...scope, kind: "message", body: textToDocument("Hi {{company}}") }))).toMatchObject({
      code: "missing_variables",
    });

    await as(setConversationPriority, { ...scope, priority: "high" });
    expect((await conversationOf(conversationId)).priority).toBe("high");

    await as(snoozeConversation, { ...scope, until: new Date(Date.now() + 1_000) });
    expect((await conversationOf(conversationId)).state).toBe("snoozed");
    expect(await caught(as(snoozeConversation, { ...scope, until: new Date(Date.now() + 60_000) }))).toMatchObject({
      code: "invalid_transition",
      message: "A snoozed conversation can't be snoozed.",
    });
    await waitFor(async () => (await conversationOf(conversationId)).state === "open", { what: "the snooze to end" });

    await as(snoozeConversation, { ...scope, until: new Date(Date.now() + 3_600_000) });
    await reply(ws.workspaceId, { channelId: ws.chatChannelId, contactId: contact!, text: "Still there?" });
    expect((await conversationOf(conversationId)).state).toBe("open");

    await as(closeConversation, scope);
    expect(await conversationOf(conversationId)).toMatchObject({ state: "closed", closed: true });
    expect(await caught(as(closeConversation, scope))).toMatchObject({ code: "invalid_transition" });
    await as(reopenConversation, scope);
    expect(await conversationOf(conversationId)).toMatchObject({ state: "open", closed: false, opened: true });

    await waitFor(async () => eventsFor(conversationId).includes("conversation.reopened"), { what: "the reopened event" });
    expect(eventsFor(conversationId)).toEqual(
      expect.arrayContaining(["conversation.assigned", "conversation.priority_changed", "conversation.snoozed", "conversation.woken", "conversation.closed"]),
    );
  });
});

describe("services called directly", () => {
  it("scope every change to the context's workspace: another workspace's conversation is not found, and nothing of it changes", async () => {
    const [contact] = await createContacts(getDb(), ws.workspaceId, [{ firstName: "Mia" }]);
    const { conversationId } = await reply(ws.workspaceId, { channelId: ws.chatChannelId, contactId: contact!, text: "Mine" });
    const before = { conversation: await conversationOf(conversationId), messages: await messagesOf(conversationId) };

    const stranger = await createWorkspaceFixture(getDb());
    const theirAgent = await asMember(stranger.workspaceId, stranger.agentId);
    const theirSystem = await asSystem(stranger.workspaceId);
    const body = textToDocument("Hello from elsewhere");
    const refused = [
      () => runService(theirAgent, closeConversation, { conversationId }),
      () => runService(theirAgent, reopenConversation, { conversationId }),
      () => runService(theirAgent, snoozeConversation, { conversationId, until: new Date(Date.now() + 3_600_000) }),
      () => runService(theirAgent, setConversationPriority, { conversationId, priority: "high" }),
      () => runService(theirAgent, assignConversation, { conversationId, assignee: { type: "unassigned" } }),
      () => runService(theirAgent, postAgentMessage, { conversationId, kind: "message", body }),
      () => runService(theirAgent, postAgentMessage, { conversationId, kind: "note", body }),
      () => runService(theirSystem, postBotMessage, { conversationId, name: "Their bot", body }),
    ];
    for (const attempt of refused) expect(await caught(attempt())).toMatchObject({ code: "not_found" });

    // The engine's set-based primitives skip it, as they skip a conversation that was deleted.
    expect(await runService(theirSystem, closeConversations, { conversationIds: [conversationId] })).toEqual([]);
    expect(await runService(theirSystem, assignConversations, { conversationIds: [conversationId], assignee: { type: "high_priority" } })).toEqual([]);
    expect(await runService(theirSystem, addNotes, { notes: [{ conversationId, content: content("Their note"), author: { userId: null, name: "Workflow" } }] })).toEqual([]);
    expect(await runService(theirSystem, wakeSnoozedConversation, { conversationId })).toEqual({ woken: false });

    expect(await conversationOf(conversationId)).toEqual(before.conversation);
    expect(await messagesOf(conversationId)).toEqual(before.messages);
  });

  it("write an agent's answer as the acting member, and refuse an actor who is no member", async () => {
    const [contact] = await createContacts(getDb(), ws.workspaceId, [{ firstName: "Noor" }]);
    const { conversationId } = await reply(ws.workspaceId, { channelId: ws.chatChannelId, contactId: contact!, text: "Anyone?" });
    await runService(await asMember(ws.workspaceId, ws.agentId), postAgentMessage, { conversationId, kind: "message", body: textToDocument("Yes, {{first_name}}") });
    expect((await messagesOf(conversationId)).at(-1)).toMatchObject({ author_type: "agent", author_name: "Sam Support", text: "Yes, Noor" });
    // Parley itself is no agent: without an author named, it cannot answer as one.
    const system = await asSystem(ws.workspaceId);
    expect(await caught(runService(system, postAgentMessage, { conversationId, kind: "message", body: textToDocument("Hi") }))).toMatchObject({ code: "not_found" });
    expect(await messagesOf(conversationId)).toHaveLength(2);
  });
});
