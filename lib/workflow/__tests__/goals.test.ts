import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { closeConversation } from "@/lib/conversations/agent-actions";
import { recordContactMessage } from "@/lib/conversations/record-contact-message";
import { addContactTag, updateContact } from "@/lib/contacts/contacts";
import { getDb } from "@/lib/db/client";
import { getRunLog } from "@/lib/db/queries/workflows";
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

  it("converts a contact who already matches the condition goal as they enter: with exit the run ends before its first step, without it the run goes on counted", async () => {
    const [already, notYet, alsoAlready] = await createContacts(getDb(), ws.workspaceId, [
      { firstName: "Ada", attributes: { plan: "Pro" } },
      { firstName: "Ben", attributes: { plan: "Free" } },
      { firstName: "Cy", attributes: { plan: "Pro" } },
    ]);
    const filter = { lastConversation: null, attributes: [{ key: "plan", op: "eq" as const, value: "Pro" }], tags: { any: [], all: [], none: [] } };
    const exiting = await publishWithGoal(waitingGraph(), { condition: { kind: "contact_matches", filter }, exitWhenMet: true });
    const counting = await publishWithGoal(waitingGraph(), { condition: { kind: "contact_matches", filter }, exitWhenMet: false });
    const builder = await asMember(ws.workspaceId, ws.builderId);

    const { runIds } = await runService(builder, runManual, { test: false, workflowId: exiting, contactIds: [already!, notYet!] });
    const states = await Promise.all(
      runIds.map((runId) => waitFor(async () => {
        const run = await runById(runId);
        return run.status !== "running" && run;
      }, { what: `run ${runId} to rest` })),
    );
    const alreadyRun = states.find((run) => run.contact_id === already)!;
    const notYetRun = states.find((run) => run.contact_id === notYet)!;
    const ended = await goalState(alreadyRun.id);
    expect(ended).toMatchObject({ status: "completed", current_node_id: "t" });
    expect(ended.goal_met_at).not.toBeNull();
    // Nothing was sent to the contact who had already converted.
    expect(await stepsOf(alreadyRun.id)).toEqual([]);
    const sent = await getDb().execute(sql`SELECT 1 FROM conversations WHERE run_id = ${alreadyRun.id}`);
    expect(sent.rows).toHaveLength(0);
    expect(await goalState(notYetRun.id)).toMatchObject({ status: "waiting", goal_met_at: null });
    expect(await conversions(exiting)).toBe(1);
    // The run history says when the goal was met and that it ended the run.
    const log = await getRunLog(getDb(), ws.workspaceId, alreadyRun.id);
    expect(log.run).toMatchObject({ status: "completed", goalMetAt: new Date(ended.goal_met_at!).toISOString(), endedByGoal: true });
    expect((await getRunLog(getDb(), ws.workspaceId, notYetRun.id)).run).toMatchObject({ goalMetAt: null, endedByGoal: false });

    // Without "exit when met" the matching contact is counted at entry and still gets the message.
    const [countedRun] = await enterWaiting(counting, [alsoAlready!]);
    const counted = await goalState(countedRun!.id);
    expect(counted).toMatchObject({ status: "waiting", current_node_id: "w" });
    expect(counted.goal_met_at).not.toBeNull();
    expect(await conversions(counting)).toBe(1);
    expect((await getRunLog(getDb(), ws.workspaceId, countedRun!.id)).run).toMatchObject({ goalMetAt: new Date(counted.goal_met_at!).toISOString(), endedByGoal: false });
  });

  it("converts contacts who already match as a published audience workflow enters them, and sends to the others", async () => {
    const [matching, other] = await createContacts(getDb(), ws.workspaceId, [
      { firstName: "Dee", tags: ["entry-goal"], attributes: { plan: "Pro" } },
      { firstName: "Eli", tags: ["entry-goal"], attributes: { plan: "Free" } },
    ]);
    const workflowId = await publishWithGoal(
      {
        nodes: [
          node("t", "audience_matched", { filter: { tags: { any: ["entry-goal"] } } }),
          node("s", "start_conversation", { message: message("Hi {{first_name}}"), senderUserId: ws.agentId, assignee: { type: "user", userId: ws.agentId } }),
          node("w", "wait", { duration: { amount: 1, unit: "days" } }),
        ],
        edges: [edge("t", "s"), edge("s", "w")],
      },
      { condition: { kind: "contact_matches", filter: { lastConversation: null, attributes: [{ key: "plan", op: "eq", value: "Pro" }], tags: { any: [], all: [], none: [] } } }, exitWhenMet: true },
    );
    const runs = await waitFor(async () => {
      const rows = await getDb().execute<{ id: string; contact_id: string; status: string; goal_met_at: Date | null }>(
        sql`SELECT id, contact_id, status, goal_met_at FROM workflow_runs WHERE workflow_id = ${workflowId}`,
      );
      return rows.rows.length === 2 && rows.rows.every((row) => row.status !== "running") && rows.rows;
    }, { what: "the audience to enter" });
    const matchingRun = runs.find((run) => run.contact_id === matching)!;
    const otherRun = runs.find((run) => run.contact_id === other)!;
    expect(matchingRun.status).toBe("completed");
    expect(matchingRun.goal_met_at).not.toBeNull();
    expect(otherRun).toMatchObject({ status: "waiting", goal_met_at: null });
    const conversationsOf = await getDb().execute<{ contact_id: string }>(sql`SELECT contact_id FROM conversations WHERE workflow_id = ${workflowId}`);
    expect(conversationsOf.rows.map((row) => row.contact_id)).toEqual([other]);
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
