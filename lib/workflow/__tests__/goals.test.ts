import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { closeConversation } from "@/lib/conversations/agent-actions";
import { recordContactMessage } from "@/lib/conversations/record-contact-message";
import { addContactTag, updateContact } from "@/lib/contacts/contacts";
import { getDb } from "@/lib/db/client";
import { runService } from "@/lib/services/run-service";
import { asContact, asMember, asSystem } from "@/lib/testing/service-scope";
import { useTestDatabase } from "@/lib/testing/test-database";
import { endExpiredWaits } from "@/lib/workflow/engine/wait-deadline";
import type { WorkflowGoal } from "@/lib/workflow/goal/goal";
import type { WorkflowGraphInput } from "@/lib/workflow/graph-schema";
import { publishWorkflow } from "@/lib/workflow/service/publish";
import { runManual } from "@/lib/workflow/service/run-manual";
import { setWorkflowGoal } from "@/lib/workflow/service/workflow-goal";
import { createWorkflow, saveDraft } from "@/lib/workflow/service/workflows";
import { edge, message, node } from "@/lib/workflow/testing/graph-fixtures";
import { runById, stepsOf } from "@/lib/workflow/testing/scenario";
import { createContacts, waitFor } from "@/lib/workflow/testing/workspace-fixture";
import { useWorkspaceWithWorker } from "@/lib/workflow/testing/workspace-with-worker";

const { url } = await useTestDatabase();
const { ws } = await useWorkspaceWithWorker(url);

/** Builds, sets the goal of and publishes a workflow, as the workspace's builder. */
async function publishWithGoal(graph: WorkflowGraphInput, goal: WorkflowGoal | null) {
  const builder = await asMember(ws.workspaceId, ws.builderId);
  const { workflowId, revision } = await runService(builder, createWorkflow, { name: "Goal test" });
  await runService(builder, saveDraft, { workflowId, graph, expectedRevision: revision });
  await runService(builder, setWorkflowGoal, { workflowId, goal });
  await runService(builder, publishWorkflow, { workflowId });
  return workflowId;
}

/** Start a Conversation, then a day's Wait, then a Note: a run rests at the Wait. */
const waitingGraph = (): WorkflowGraphInput => ({
  nodes: [
    node("t", "manual"),
    node("s", "start_conversation", { message: message("Hi {{first_name}}"), senderUserId: ws.agentId, assignee: { type: "user", userId: ws.agentId } }),
    node("w", "wait", { duration: { amount: 1, unit: "days" } }),
    node("n", "add_note", { message: message("Still here") }),
  ],
  edges: [edge("t", "s"), edge("s", "w"), edge("w", "n")],
});

async function enterWaiting(workflowId: string, contactIds: string[]) {
  const { runIds } = await runService(await asMember(ws.workspaceId, ws.builderId), runManual, { test: false, workflowId, contactIds });
  return Promise.all(
    runIds.map((runId) =>
      waitFor(async () => {
        const run = await runById(runId);
        return run.status === "waiting" && run;
      }, { what: `run ${runId} to wait` }),
    ),
  );
}

async function goalState(runId: string) {
  const rows = await getDb().execute<{ status: string; current_node_id: string | null; wait_until: string | null; goal_met_at: Date | null }>(
    sql`SELECT status, current_node_id, wait_until, goal_met_at FROM workflow_runs WHERE id = ${runId}`,
  );
  return rows.rows[0]!;
}

async function conversions(workflowId: string): Promise<number> {
  const rows = await getDb().execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM workflow_runs WHERE workflow_id = ${workflowId} AND goal_met_at IS NOT NULL`);
  return rows.rows[0]!.n;
}

describe("workflow goals", () => {
  it("ends a run waiting at a Wait when the contact replies, counts it once, and its deadline job then does nothing", async () => {
    const [replier, silent] = await createContacts(getDb(), ws.workspaceId, [{ firstName: "Rae" }, { firstName: "Sol" }]);
    const workflowId = await publishWithGoal(waitingGraph(), { condition: { kind: "contact_replied" }, exitWhenMet: true });
    const [replierRun, silentRun] = await enterWaiting(workflowId, [replier!, silent!]);

    await runService(await asContact(ws.workspaceId, replier!), recordContactMessage, { channelId: ws.chatChannelId, contactId: replier!, text: "Thanks!" });
    const ended = await goalState(replierRun!.id);
    expect(ended).toMatchObject({ status: "completed", current_node_id: "w", wait_until: null });
    expect(ended.goal_met_at).not.toBeNull();
    expect(await goalState(silentRun!.id)).toMatchObject({ status: "waiting", goal_met_at: null });

    // A second reply converts nothing more; the Wait's deadline job finds no waiting run.
    await runService(await asContact(ws.workspaceId, replier!), recordContactMessage, { channelId: ws.chatChannelId, contactId: replier!, text: "Again" });
    expect((await goalState(replierRun!.id)).goal_met_at).toEqual(ended.goal_met_at);
    expect(await conversions(workflowId)).toBe(1);
    expect(await getDb().transaction((tx) => endExpiredWaits(tx, [replierRun!.id]))).toMatchObject({ advanced: 0 });
    expect((await stepsOf(replierRun!.id)).map((step) => step.node_id)).toEqual(["s"]);
  });

  it("ends a run waiting at Branch when an agent closes its conversation, but not when the workflow's own Close step does", async () => {
    const [contact] = await createContacts(getDb(), ws.workspaceId, [{ firstName: "Cleo" }]);
    const workflowId = await publishWithGoal(
      {
        nodes: [
          node("t", "manual"),
          node("s", "start_conversation", { message: message("Hello"), senderUserId: ws.agentId, openMode: "immediately", assignee: { type: "user", userId: ws.agentId } }),
          node("w", "wait", { duration: { amount: 1, unit: "days" } }),
        ],
        edges: [edge("t", "s"), edge("s", "w")],
      },
      { condition: { kind: "closed_by_agent" }, exitWhenMet: true },
    );
    const [run] = await enterWaiting(workflowId, [contact!]);
    const conversationId = (await runById(run!.id)).context.conversationId!;
    // Parley itself closing it (as the Close step does) is no agent.
    await runService(await asSystem(ws.workspaceId), closeConversation, { conversationId }).catch(() => undefined);
    expect(await goalState(run!.id)).toMatchObject({ status: "waiting", goal_met_at: null });
    await getDb().execute(sql`UPDATE conversations SET state = 'open', closed_at = NULL WHERE id = ${conversationId}`);

    await runService(await asMember(ws.workspaceId, ws.agentId), closeConversation, { conversationId });
    expect(await goalState(run!.id)).toMatchObject({ status: "completed", current_node_id: "w", wait_until: null });
    expect(await conversions(workflowId)).toBe(1);
  });

  it("ends a waiting run when the contact's attributes or tags come to match the goal's condition, the audience filter's model", async () => {
    const [pro, free, tagged] = await createContacts(getDb(), ws.workspaceId, [
      { firstName: "Pia", attributes: { plan: "Free" } },
      { firstName: "Fred", attributes: { plan: "Free" } },
      { firstName: "Tad", attributes: { plan: "Free" } },
    ]);
    const filter = { lastConversation: null, attributes: [{ key: "plan", op: "eq" as const, value: "Pro" }], tags: { any: [], all: [], none: [] } };
    const workflowId = await publishWithGoal(waitingGraph(), { condition: { kind: "contact_matches", filter }, exitWhenMet: true });
    const tagWorkflowId = await publishWithGoal(waitingGraph(), {
      condition: { kind: "contact_matches", filter: { ...filter, attributes: [], tags: { any: ["upgraded"], all: [], none: [] } } },
      exitWhenMet: false,
    });
    const [proRun, freeRun] = await enterWaiting(workflowId, [pro!, free!]);
    const [taggedRun] = await enterWaiting(tagWorkflowId, [tagged!]);
    const admin = await asMember(ws.workspaceId, ws.builderId);

    await runService(admin, updateContact, { contactId: pro!, attributes: { plan: "Pro" } });
    await runService(admin, updateContact, { contactId: free!, attributes: { plan: "Team" } });
    expect(await goalState(proRun!.id)).toMatchObject({ status: "completed", current_node_id: "w" });
    expect(await goalState(freeRun!.id)).toMatchObject({ status: "waiting", goal_met_at: null });
    expect(await conversions(workflowId)).toBe(1);

    // Without "exit when met" the tag converts the run, which goes on waiting.
    await runService(admin, addContactTag, { contactId: tagged!, tag: "upgraded" });
    const counted = await goalState(taggedRun!.id);
    expect(counted.status).toBe("waiting");
    expect(counted.goal_met_at).not.toBeNull();
    expect(await conversions(tagWorkflowId)).toBe(1);
  });

  it("refuses to publish a condition goal with no attribute or tag condition", async () => {
    const builder = await asMember(ws.workspaceId, ws.builderId);
    const { workflowId, revision } = await runService(builder, createWorkflow, { name: "Empty goal" });
    await runService(builder, saveDraft, { workflowId, graph: waitingGraph(), expectedRevision: revision });
    await runService(builder, setWorkflowGoal, {
      workflowId,
      goal: { condition: { kind: "contact_matches", filter: { lastConversation: null, attributes: [], tags: { any: [], all: [], none: [] } } }, exitWhenMet: true },
    });
    await expect(runService(builder, publishWorkflow, { workflowId })).rejects.toMatchObject({
      code: "invalid_graph",
      details: { issues: [expect.objectContaining({ nodeId: null, field: "goal", message: expect.stringContaining("Add an attribute or tag condition") })] },
    });
  });
});
