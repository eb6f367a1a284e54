import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { closeConversation } from "@/lib/conversations/agent-actions";
import { runService } from "@/lib/services/run-service";
import { asMember, asSystem } from "@/lib/testing/service-scope";
import { getDb } from "@/lib/db/client";
import { channels, integrations } from "@/lib/db/schema/channels";
import { chatSessions } from "@/lib/db/schema/contacts";
import { getNodeCounts, getRunLog, listRuns, listVersions } from "@/lib/db/queries/workflows";
import { useTestDatabase } from "@/lib/testing/test-database";
import { useWorkspaceWithWorker } from "@/lib/workflow/testing/workspace-with-worker";
import { fireSessionStarted } from "@/lib/workflow/engine/fire-session-started";
import { runManual } from "@/lib/workflow/service/run-manual";
import { createWorkflow, saveDraft, updateWorkflowSettings } from "@/lib/workflow/service/workflows";
import { edge, message, node } from "@/lib/workflow/testing/graph-fixtures";
import { conversationOf, messagesOf, publishGraph, runById } from "@/lib/workflow/testing/scenario";
import { createContacts, createWorkspaceFixture, waitFor } from "@/lib/workflow/testing/workspace-fixture";

const { url } = await useTestDatabase();

const { ws } = await useWorkspaceWithWorker(url);

const finished = (runId: string) =>
  waitFor(async () => {
    const run = await runById(runId);
    return (run.status === "completed" || run.status === "failed") && run;
  }, { what: `run ${runId} to finish` });

async function newSession(contactId: string, channelId = ws.chatChannelId) {
  const [session] = await getDb().insert(chatSessions).values({ workspaceId: ws.workspaceId, channelId, contactId }).returning();
  return session!.id;
}

describe("Session Started", () => {
  it("starts a run per live Session Started workflow with {{session.id}}, pinning the conversation to that session", async () => {
    const [contact] = await createContacts(getDb(), ws.workspaceId, [{ firstName: "Sol" }]);
    const [integration] = await getDb()
      .insert(integrations)
      .values({ workspaceId: ws.workspaceId, channelId: ws.chatChannelId, name: "Bot platform", webhookUrl: "https://bot.example.com/hook", signingSecret: "x" })
      .returning();
    const { workflowId } = await publishGraph(ws.workspaceId, ws.builderId, {
      nodes: [
        node("t", "session_started", { channelId: ws.chatChannelId }),
        node("s", "start_conversation", {
          message: message("Welcome {{first_name}}! Your session is {{session.id}}"),
          senderUserId: ws.agentId,
          openMode: "immediately",
          customerDestination: "{{session.id}}",
          customerIdentifier: "crm-{{first_name}}",
        }),
      ],
      edges: [edge("t", "s")],
    });
    const sessionId = await newSession(contact!);
    const { runIds } = await fireSessionStarted({ workspaceId: ws.workspaceId, channelId: ws.chatChannelId, contactId: contact!, sessionId });
    expect(runIds).toHaveLength(1);
    // The same session again (a reload) does not start the workflow twice.
    expect((await fireSessionStarted({ workspaceId: ws.workspaceId, channelId: ws.chatChannelId, contactId: contact!, sessionId })).runIds).toEqual([]);

    const run = await finished(runIds[0]!);
    expect(run).toMatchObject({ status: "completed", context: { sessionId } });
    const conversation = await conversationOf(run.context.conversationId!);
    expect(conversation).toMatchObject({ state: "open", customer_destination: sessionId, customer_identifier: "crm-Sol", third_party: true });
    expect((await messagesOf(conversation.id))[0]!.text).toBe(`Welcome Sol! Your session is ${sessionId}`);

    // The channel's integration is told of the conversation and its first message, in the same transaction.
    const deliveries = await getDb().execute<{ event: string; message_text: string | null; destination: string }>(sql`
      SELECT event, payload->'message'->>'text' AS message_text, payload->'conversation'->>'customerDestination' AS destination
      FROM webhook_deliveries WHERE integration_id = ${integration!.id} ORDER BY id`);
    expect(deliveries.rows.map((row) => row.event)).toEqual(["conversation.created", "message.created", "conversation.opened"]);
    expect(deliveries.rows[1]!.message_text).toBe(`Welcome Sol! Your session is ${sessionId}`);
    expect(deliveries.rows[0]!.destination).toBe(sessionId);
    await runService(await asSystem(ws.workspaceId), closeConversation, { conversationId: conversation.id });
    const closed = await getDb().execute<{ event: string }>(sql`SELECT event FROM webhook_deliveries WHERE integration_id = ${integration!.id} ORDER BY id DESC LIMIT 1`);
    expect(closed.rows[0]!.event).toBe("conversation.closed");

    // Without re-entry a contact enters once, whatever the session; with it, once per session.
    const second = await newSession(contact!);
    expect((await fireSessionStarted({ workspaceId: ws.workspaceId, channelId: ws.chatChannelId, contactId: contact!, sessionId: second })).runIds).toEqual([]);
    await runService(await asMember(ws.workspaceId, ws.builderId), updateWorkflowSettings, { workflowId, allowReentry: true });
    expect((await fireSessionStarted({ workspaceId: ws.workspaceId, channelId: ws.chatChannelId, contactId: contact!, sessionId: second })).runIds).toHaveLength(1);
  });

  it("ignores workflows bound to another chat channel, and contacts or channels of another workspace", async () => {
    const [otherChat] = await getDb()
      .insert(channels)
      .values({ workspaceId: ws.workspaceId, kind: "chat", name: "Docs chat", identitySecret: "s" })
      .returning();
    const [contact] = await createContacts(getDb(), ws.workspaceId, [{ firstName: "Oda" }]);
    const sessionId = await newSession(contact!, otherChat!.id);
    const before = await getDb().execute<{ n: string }>(sql`SELECT count(*) AS n FROM workflow_runs`);
    const result = await fireSessionStarted({ workspaceId: ws.workspaceId, channelId: otherChat!.id, contactId: contact!, sessionId });
    expect(result.runIds).toEqual([]);
    const stranger = await createWorkspaceFixture(getDb());
    const [theirs] = await createContacts(getDb(), stranger.workspaceId, [{ firstName: "X" }]);
    expect((await fireSessionStarted({ workspaceId: ws.workspaceId, channelId: ws.chatChannelId, contactId: theirs!, sessionId })).runIds).toEqual([]);
    expect((await fireSessionStarted({ workspaceId: stranger.workspaceId, channelId: ws.chatChannelId, contactId: theirs!, sessionId })).runIds).toEqual([]);
    const after = await getDb().execute<{ n: string }>(sql`SELECT count(*) AS n FROM workflow_runs`);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });
});

describe("Manual runs, test runs, the run log and node counts", () => {
  it("test-runs the draft without publishing it, and keeps test runs out of the counts", async () => {
    const [contact] = await createContacts(getDb(), ws.workspaceId, [{ firstName: "Tess" }]);
    const { workflowId, revision } = await runService(await asMember(ws.workspaceId, ws.builderId), createWorkflow, { name: "Draft only" });
    await runService(await asMember(ws.workspaceId, ws.builderId), saveDraft, {
      workflowId,
      expectedRevision: revision,
      graph: {
        nodes: [node("t", "manual"), node("s", "start_conversation", { message: message("Test for {{first_name}}"), senderUserId: ws.agentId }), node("n", "add_note", { message: message("noted") })],
        edges: [edge("t", "s"), edge("s", "n")],
      },
    });
    const test = await runService(await asMember(ws.workspaceId, ws.builderId), runManual, { workflowId, contactIds: [contact!], test: true });
    expect(test.test).toBe(true);
    const run = await finished(test.runIds[0]!);
    expect(run.status).toBe("completed");
    expect(await listVersions(getDb(), ws.workspaceId, workflowId)).toEqual([]);

    const log = await getRunLog(getDb(), ws.workspaceId, run.id);
    expect(log.run).toMatchObject({ isTest: true, status: "completed", contactName: "Tess", version: 0 });
    expect(log.steps.map((step) => [step.nodeId, step.nodeType, step.status])).toEqual([
      ["s", "start_conversation", "ok"],
      ["n", "add_note", "ok"],
    ]);
    // The Start a Conversation step is read from the conversation it started.
    expect(log.steps[0]!.detail).toEqual({ conversationId: run.context.conversationId });
    expect((await listRuns(getDb(), ws.workspaceId, { workflowId })).items.map((r) => r.id)).toEqual([run.id]);
    expect((await listRuns(getDb(), ws.workspaceId, { workflowId, includeTest: false })).items).toEqual([]);
    const counts = await getNodeCounts(getDb(), ws.workspaceId, workflowId);
    expect(counts.s).toBeUndefined();

    // A second test of the same contact is a new entry.
    const again = await runService(await asMember(ws.workspaceId, ws.builderId), runManual, { workflowId, contactIds: [contact!], test: true });
    expect(again.runIds).toHaveLength(1);
    await expect(getRunLog(getDb(), (await createWorkspaceFixture(getDb())).workspaceId, run.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("runs the live version on chosen contacts, whatever the trigger", async () => {
    const [a, b] = await createContacts(getDb(), ws.workspaceId, [{ firstName: "Ann" }, { firstName: "Ben" }]);
    const { workflowId } = await publishGraph(ws.workspaceId, ws.builderId, {
      nodes: [node("t", "manual"), node("s", "start_conversation", { message: message("Hello {{first_name}}"), senderUserId: ws.agentId })],
      edges: [edge("t", "s")],
    });
    const { runIds } = await runService(await asMember(ws.workspaceId, ws.builderId), runManual, { test: false, workflowId, contactIds: [a!, b!] });
    await Promise.all(runIds.map(finished));
    const counts = await getNodeCounts(getDb(), ws.workspaceId, workflowId);
    expect(counts.t).toMatchObject({ entered: 2 });
    expect(counts.s).toMatchObject({ entered: 2, sent: 2, started: 0, notStarted: 2, errors: 0 });
  });
});
