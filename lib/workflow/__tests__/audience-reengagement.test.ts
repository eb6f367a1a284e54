import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIVE_CHANNEL as EVENTS_CHANNEL } from "@/lib/live/live-event";
import { recordContactMessage } from "@/lib/conversations/record-contact-message";
import { runService } from "@/lib/services/run-service";
import { asContact, asMember } from "@/lib/testing/service-scope";
import { getDb } from "@/lib/db/client";
import { getNodeCounts } from "@/lib/db/queries/workflows";
import { useTestDatabase } from "@/lib/testing/test-database";
import { useWorkspaceWithWorker } from "@/lib/workflow/testing/workspace-with-worker";
import { queueDueAudienceEvaluations } from "@/lib/workflow/engine/audience-evaluation";
import { publishWorkflow } from "@/lib/workflow/service/publish";
import { createWorkflow, saveDraft, updateWorkflowSettings } from "@/lib/workflow/service/workflows";
import { message, reengagementGraph } from "@/lib/workflow/testing/graph-fixtures";
import { createContacts, waitFor } from "@/lib/workflow/testing/workspace-fixture";

const { url } = await useTestDatabase();

const { ws } = await useWorkspaceWithWorker(url);
let listener: pg.Client;
const events: { conversationId: string; type: string }[] = [];
beforeAll(async () => {
  listener = new pg.Client({ connectionString: url });
  await listener.connect();
  listener.on("notification", (n) => events.push(JSON.parse(n.payload!)));
  await listener.query(`LISTEN ${EVENTS_CHANNEL}`);
});
afterAll(async () => listener?.end());

async function publishGraph(graph: unknown, options: { allowReentry?: boolean } = {}) {
  const { workflowId, revision } = await runService(await asMember(ws.workspaceId, ws.builderId), createWorkflow, { name: "Re-engagement" });
  await runService(await asMember(ws.workspaceId, ws.builderId), saveDraft, { workflowId, graph, expectedRevision: revision });
  if (options.allowReentry) await runService(await asMember(ws.workspaceId, ws.builderId), updateWorkflowSettings, { workflowId, allowReentry: true });
  const published = await runService(await asMember(ws.workspaceId, ws.builderId), publishWorkflow, { workflowId });
  return { workflowId, ...published };
}

async function runsOf(workflowId: string) {
  const rows = await getDb().execute<{ id: string; contact_id: string; status: string; current_node_id: string; error: string | null; trigger_key: string }>(
    sql`SELECT id, contact_id, status, current_node_id, error, trigger_key FROM workflow_runs WHERE workflow_id = ${workflowId}`,
  );
  return rows.rows;
}

describe("Audience Matched → Start a Conversation → Branch → Assign (PRODUCT.md section 6)", () => {
  it("sends quiet campaigns to exactly the matching contacts; a reply opens one, assigned to Support", async () => {
    const old = new Date(Date.now() - 40 * 86_400_000);
    const recent = new Date(Date.now() - 2 * 86_400_000);
    const [ada, grace, recentOne, nameless] = await createContacts(getDb(), ws.workspaceId, [
      { firstName: "Ada", lastConversationOpenedAt: old },
      { firstName: "Grace", lastConversationOpenedAt: null },
      { firstName: "Recent", lastConversationOpenedAt: recent },
      { firstName: null, lastConversationOpenedAt: null },
    ]);
    const { workflowId } = await publishGraph(reengagementGraph({ senderUserId: ws.agentId, assignTeamId: ws.teamId }));

    const runs = await waitFor(async () => {
      const current = await runsOf(workflowId);
      return current.length === 3 && current.every((run) => run.status !== "running") && current;
    }, { what: "three runs to settle" });
    expect(runs.map((run) => run.contact_id).sort()).toEqual([ada, grace, nameless].sort());
    expect(runs.find((run) => run.contact_id === recentOne)).toBeUndefined();

    // The contact without a first name fails clearly; the others wait at the Branch.
    const failed = runs.find((run) => run.contact_id === nameless)!;
    expect(failed.status).toBe("failed");
    expect(failed.error).toBe("first_name is empty for this contact and has no fallback.");
    const step = await getDb().execute<{ status: string; error: string }>(sql`SELECT status, error FROM run_steps WHERE run_id = ${failed.id}`);
    expect(step.rows).toEqual([{ status: "error", error: "first_name is empty for this contact and has no fallback." }]);
    for (const run of runs.filter((r) => r.contact_id !== nameless)) expect([run.status, run.current_node_id]).toEqual(["waiting", "branch"]);

    const conversations = await getDb().execute<{ contact_id: string; state: string; opened_at: Date | null; origin: string; text: string; author_type: string; author_user_id: string; author_name: string; kind: string }>(sql`
      SELECT c.contact_id, c.state, c.opened_at, c.origin, m.text, m.author_type, m.author_user_id, m.author_name, m.kind
      FROM conversations c JOIN messages m ON m.conversation_id = c.id WHERE c.workflow_id = ${workflowId}`);
    expect(conversations.rows).toHaveLength(2);
    const adaConversation = conversations.rows.find((row) => row.contact_id === ada)!;
    expect(adaConversation).toMatchObject({
      state: "campaign",
      opened_at: null,
      origin: "workflow",
      text: "Hi Ada, just checking in — is there anything we can help you with?",
      author_type: "agent",
      author_user_id: ws.agentId,
      author_name: "Sam Support",
      kind: "message",
    });
    // Nothing appears in the inbox (the inbox predicate is opened_at IS NOT NULL).
    const inbox = await getDb().execute(sql`SELECT 1 FROM conversations WHERE workspace_id = ${ws.workspaceId} AND opened_at IS NOT NULL`);
    expect(inbox.rows).toHaveLength(0);

    const reply = await runService(await asContact(ws.workspaceId, ada!), recordContactMessage, { channelId: ws.chatChannelId, contactId: ada!, text: "Actually yes, {{help}} me!" });
    expect(reply).toMatchObject({ opened: true, createdConversation: false });

    const adaRun = runs.find((run) => run.contact_id === ada)!;
    await waitFor(async () => (await runsOf(workflowId)).find((run) => run.id === adaRun.id)?.status === "completed", { what: "Ada's run to complete" });
    const opened = await getDb().execute<{ state: string; assignee_team_id: string; opened_at: Date; replied_at: Date }>(sql`
      SELECT state, assignee_team_id, opened_at, replied_at FROM conversations WHERE id = ${reply.conversationId}`);
    expect(opened.rows[0]).toMatchObject({ state: "open", assignee_team_id: ws.teamId });
    expect(opened.rows[0]!.opened_at).not.toBeNull();
    const contact = await getDb().execute<{ recent: boolean }>(sql`SELECT last_conversation_opened_at > now() - interval '1 minute' AS recent FROM contacts WHERE id = ${ada}`);
    expect(contact.rows[0]!.recent).toBe(true);
    const replyMessage = await getDb().execute<{ text: string; author_type: string }>(sql`SELECT text, author_type FROM messages WHERE id = ${reply.messageId}`);
    // The contact's braces are their words, never a template.
    expect(replyMessage.rows[0]).toEqual({ text: "Actually yes, {{help}} me!", author_type: "contact" });

    const steps = await getDb().execute<{ node_id: string; outcome: string }>(sql`SELECT node_id, outcome FROM run_step_log WHERE run_id = ${adaRun.id} ORDER BY created_at, id`);
    expect(steps.rows).toEqual([
      { node_id: "start", outcome: "out" },
      { node_id: "branch", outcome: "started" },
      { node_id: "assign", outcome: "out" },
    ]);
    // Exactly that conversation is in the inbox; Grace's campaign still isn't.
    // Quiet campaigns make no noise on the live channel; the opened one does.
    await waitFor(async () => events.some((e) => e.conversationId === reply.conversationId && e.type === "conversation.opened"), { what: "the opened event" });
    expect(events.filter((e) => e.type === "conversation.created")).toEqual([]);
    const inboxAfter = await getDb().execute<{ id: string }>(sql`SELECT id FROM conversations WHERE workspace_id = ${ws.workspaceId} AND opened_at IS NOT NULL`);
    expect(inboxAfter.rows.map((row) => row.id)).toEqual([reply.conversationId]);

    const counts = await getNodeCounts(getDb(), ws.workspaceId, workflowId);
    expect(counts.trigger).toMatchObject({ entered: 3 });
    expect(counts.start).toMatchObject({ entered: 3, errors: 1, sent: 2, started: 1, notStarted: 1 });
    expect(counts.branch).toMatchObject({ entered: 2, waiting: 1, started: 1 });
    expect(counts.assign).toMatchObject({ entered: 1 });

    // Grace has no first name problem; Ada's contact no longer matches (she just opened a conversation);
    // a second evaluation enters nobody twice.
    await getDb().execute(sql`UPDATE workflows SET audience_evaluated_at = now() - interval '2 hours' WHERE id = ${workflowId}`);
    expect(await queueDueAudienceEvaluations(getDb())).toContain(workflowId);
    await waitFor(async () => {
      const jobs = await getDb().execute(sql`SELECT 1 FROM graphile_worker.jobs WHERE task_identifier LIKE 'workflow:%audience%'`);
      return jobs.rows.length === 0;
    }, { what: "the re-evaluation to finish" });
    expect(await runsOf(workflowId)).toHaveLength(3);
  });

  it("with re-entry allowed, a contact matching again enters again once its run is over", async () => {
    const [vip] = await createContacts(getDb(), ws.workspaceId, [{ firstName: "Vera", tags: ["vip-reentry"] }]);
    const graph = {
      nodes: [
        { id: "trigger", type: "audience_matched", position: { x: 0, y: 0 }, config: { filter: { tags: { any: ["vip-reentry"] } }, schedule: "every_15_minutes" } },
        { id: "note", type: "start_conversation", position: { x: 0, y: 0 }, config: { message: message("VIP {{first_name}} is back"), senderUserId: ws.agentId, startWith: "note" } },
      ],
      edges: [{ id: "e", source: "trigger", target: "note", sourceHandle: null }],
    };
    const { workflowId } = await publishGraph(graph, { allowReentry: true });
    await waitFor(async () => (await runsOf(workflowId)).filter((run) => run.status === "completed").length === 1, { what: "the first entry" });
    await getDb().execute(sql`UPDATE workflows SET audience_evaluated_at = now() - interval '1 hour' WHERE id = ${workflowId}`);
    await queueDueAudienceEvaluations(getDb());
    const runs = await waitFor(async () => {
      const current = await runsOf(workflowId);
      return current.filter((run) => run.status === "completed").length === 2 && current;
    }, { what: "the second entry" });
    expect(runs.every((run) => run.contact_id === vip)).toBe(true);
    expect(runs.every((run) => run.trigger_key.startsWith("eval:"))).toBe(true);
    const notes = await getDb().execute<{ kind: string; author_type: string }>(sql`
      SELECT m.kind, m.author_type FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.workflow_id = ${workflowId}`);
    expect(notes.rows).toEqual([
      { kind: "note", author_type: "agent" },
      { kind: "note", author_type: "agent" },
    ]);
  });
});
