import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { recordContactMessage } from "@/lib/conversations/record-contact-message";
import { runService } from "@/lib/services/run-service";
import { asContact, asMember } from "@/lib/testing/service-scope";
import { getDb } from "@/lib/db/client";
import { useTestDatabase } from "@/lib/testing/test-database";
import { runManual } from "@/lib/workflow/service/run-manual";
import { edge, message, node } from "@/lib/workflow/testing/graph-fixtures";
import { publishGraph } from "@/lib/workflow/testing/scenario";
import { createContacts, createWorkspaceFixture, waitFor } from "@/lib/workflow/testing/workspace-fixture";
import { killWorker, spawnWorker, type WorkerProcess } from "@/lib/testing/child-processes";

const { url } = await useTestDatabase();
const workers: WorkerProcess[] = [];
afterAll(async () => {
  for (const worker of workers) await killWorker(worker);
});

async function startedWorker() {
  const worker = spawnWorker(url, { WORKER_CONCURRENCY: "2" });
  workers.push(worker);
  await worker.ready;
  return worker;
}

async function runStates(workflowId: string) {
  const rows = await getDb().execute<{ contact_id: string; status: string; branch: string | null; steps: string[] }>(sql`
    SELECT r.contact_id, r.status,
      (SELECT outcome FROM run_step_log s WHERE s.run_id = r.id AND s.node_id = 'b') AS branch,
      ARRAY(SELECT node_id || ':' || coalesce(outcome, status::text) FROM run_step_log s WHERE s.run_id = r.id ORDER BY created_at, id) AS steps
    FROM workflow_runs r WHERE r.workflow_id = ${workflowId}`);
  return rows.rows;
}

describe("crash safety of waiting runs", () => {
  it("replies and deadlines that arrive while the worker is dead are acted on, once, after it restarts", async () => {
    const ws = await createWorkspaceFixture(getDb());
    const contacts = await createContacts(getDb(), ws.workspaceId, Array.from({ length: 20 }, (_, i) => ({ firstName: `C${i}` })));
    const { workflowId } = await publishGraph(ws.workspaceId, ws.builderId, {
      nodes: [
        node("t", "manual"),
        node("s", "start_conversation", { message: message("Hi {{first_name}}"), senderUserId: ws.agentId }),
        node("b", "branch_conversation_started", { timeout: { amount: 4, unit: "seconds" } }),
        node("yes", "assign", { assignee: { type: "team", teamId: ws.teamId } }),
        node("no", "close_conversation"),
      ],
      edges: [edge("t", "s"), edge("s", "b"), edge("b", "yes", "started"), edge("b", "no", "not_started")],
    });

    const first = await startedWorker();
    await runService(await asMember(ws.workspaceId, ws.builderId), runManual, { test: false, workflowId, contactIds: contacts });
    await waitFor(async () => (await runStates(workflowId)).filter((run) => run.status === "waiting").length === 20, { timeoutMs: 30_000, what: "20 waiting runs" });
    await killWorker(first);

    // While no worker is alive: half the contacts reply, and the other half's deadline passes.
    const repliers = contacts.slice(0, 10);
    for (const contactId of repliers) {
      const reply = await runService(await asContact(ws.workspaceId, contactId), recordContactMessage, { channelId: ws.chatChannelId, contactId, text: "Yes please" });
      expect(reply.opened).toBe(true);
    }
    await waitFor(async () => {
      const due = await getDb().execute(sql`SELECT 1 FROM workflow_runs WHERE workflow_id = ${workflowId} AND status = 'waiting' AND wait_until <= now()`);
      return due.rows.length === 10;
    }, { timeoutMs: 15_000, what: "the deadlines to pass" });
    const inbox = await getDb().execute(sql`SELECT 1 FROM conversations WHERE workflow_id = ${workflowId} AND opened_at IS NOT NULL`);
    expect(inbox.rows).toHaveLength(10);

    // A restart that is itself killed moments later, then one that stays.
    const second = await startedWorker();
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 300));
    await killWorker(second);
    await startedWorker();

    const runs = await waitFor(async () => {
      const current = await runStates(workflowId);
      return current.every((run) => run.status === "completed") && current;
    }, { timeoutMs: 60_000, what: "every run to complete" });
    for (const run of runs) {
      const replied = repliers.includes(run.contact_id);
      expect(run.steps).toEqual(replied ? ["s:out", "b:started", "yes:out"] : ["s:out", "b:not_started", "no:out"]);
    }
    const conversations = await getDb().execute<{ contact_id: string; state: string; assignee_team_id: string | null }>(sql`
      SELECT contact_id, state, assignee_team_id FROM conversations WHERE workflow_id = ${workflowId}`);
    expect(conversations.rows).toHaveLength(20);
    for (const conversation of conversations.rows) {
      const replied = repliers.includes(conversation.contact_id);
      expect([conversation.state, conversation.assignee_team_id]).toEqual(replied ? ["open", ws.teamId] : ["closed", null]);
    }
  }, 180_000);
});
