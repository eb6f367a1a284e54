import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { recordContactMessage } from "@/lib/conversations/record-contact-message";
import { runService } from "@/lib/services/run-service";
import { asContact, asMember } from "@/lib/testing/service-scope";
import type { Tx } from "@/lib/db/client";
import { getDb } from "@/lib/db/client";
import { useTestDatabase } from "@/lib/testing/test-database";
import { advanceRuns } from "@/lib/workflow/engine/advance-runs";
import { endExpiredWaits } from "@/lib/workflow/engine/wait-deadline";
import { runManual } from "@/lib/workflow/service/run-manual";
import { edge, message, node } from "@/lib/workflow/testing/graph-fixtures";
import { publishGraph, runById, stepsOf } from "@/lib/workflow/testing/scenario";
import { createContacts, createWorkspaceFixture, type WorkspaceFixture } from "@/lib/workflow/testing/workspace-fixture";
import { holdTransactionOpen } from "@/lib/testing/lock-wait";

// No worker here: the test drives the engine's transactions itself to force each interleaving of
// "the Branch stores its wait" and "the contact's reply opens the conversation".
await useTestDatabase();

let ws: WorkspaceFixture;
let workflowId: string;
beforeAll(async () => {
  ws = await createWorkspaceFixture(getDb());
  ({ workflowId } = await publishGraph(ws.workspaceId, ws.builderId, {
    nodes: [
      node("t", "manual"),
      node("s", "start_conversation", { message: message("Hi {{first_name}}"), senderUserId: ws.agentId }),
      node("w", "wait", { duration: { amount: 1, unit: "seconds" } }),
      node("b", "branch_conversation_started", { timeout: { amount: 1, unit: "days" } }),
      node("n", "add_note", { message: message("started") }),
    ],
    edges: [edge("t", "s"), edge("s", "w"), edge("w", "b"), edge("b", "n", "started")],
  }));
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A run whose conversation exists (a campaign) and whose Wait is over: the next advance reaches the Branch. */
async function runAboutToBranch(): Promise<{ runId: string; contactId: string }> {
  const [contactId] = await createContacts(getDb(), ws.workspaceId, [{ firstName: "Rae" }]);
  const { runIds } = await runService(await asMember(ws.workspaceId, ws.builderId), runManual, { test: false, workflowId, contactIds: [contactId!] });
  await getDb().transaction((tx) => advanceRuns(tx, runIds));
  expect(await runById(runIds[0]!)).toMatchObject({ status: "waiting", current_node_id: "w" });
  await getDb().execute(sql`UPDATE workflow_runs SET wait_until = now() - interval '1 second' WHERE id = ${runIds[0]!}`);
  return { runId: runIds[0]!, contactId: contactId! };
}

/** The contact replies, in its own transaction or (to hold it open) in the given one. */
const reply = async (contactId: string, tx?: Tx) => {
  const scope = await asContact(ws.workspaceId, contactId);
  const input = { channelId: ws.chatChannelId, contactId, text: "I'm here" };
  return tx ? recordContactMessage({ ...scope, tx }, input) : runService(scope, recordContactMessage, input);
};

async function resumedRunsOf(runId: string) {
  const jobs = await getDb().execute<{ n: string }>(sql`
    SELECT count(*) AS n FROM graphile_worker.jobs WHERE task_identifier = 'workflow:advance-runs' AND id IN (SELECT id FROM graphile_worker._private_jobs WHERE payload::jsonb -> 'runIds' ? ${runId})`);
  return Number(jobs.rows[0]!.n);
}

describe("a reply that races the Branch storing its wait is never missed", () => {
  it("reply first (still uncommitted) while the Branch runs: the Branch waits for it and goes Started", async () => {
    const { runId, contactId } = await runAboutToBranch();
    let branch: Promise<unknown> | undefined;
    await getDb().transaction(async (replyTx) => {
      await reply(contactId, replyTx);
      branch = getDb().transaction((tx) => endExpiredWaits(tx, [runId]));
      await sleep(300);
      // The Branch is blocked on the conversation the reply is opening; nothing of it is visible yet.
      expect((await runById(runId)).status).toBe("waiting");
    });
    await branch;
    expect(await runById(runId)).toMatchObject({ status: "completed" });
    expect((await stepsOf(runId)).map((step) => [step.node_id, step.outcome])).toEqual([["s", "out"], ["w", "out"], ["b", "started"], ["n", "out"]]);
  });

  it("Branch first (still uncommitted) while the reply comes in: the reply waits, then finds the run waiting and resumes it", async () => {
    const { runId, contactId } = await runAboutToBranch();
    const branch = await holdTransactionOpen((tx) => endExpiredWaits(tx, [runId]));
    const jobsBefore = await resumedRunsOf(runId);
    const replying = reply(contactId);
    await sleep(300);
    const conversationId = (await runById(runId)).context.conversationId!;
    const state = await getDb().execute<{ state: string }>(sql`SELECT state FROM conversations WHERE id = ${conversationId}`);
    expect(state.rows[0]!.state).toBe("campaign");
    branch.release();
    await branch.committed;
    expect((await replying).opened).toBe(true);
    // The reply saw the stored wait and resumed the run through a job (queued in its transaction).
    expect(await runById(runId)).toMatchObject({ status: "running", current_node_id: "b" });
    expect(await resumedRunsOf(runId)).toBe(jobsBefore + 1);
    await getDb().transaction((tx) => advanceRuns(tx, [runId]));
    expect((await stepsOf(runId)).map((step) => [step.node_id, step.outcome])).toEqual([["s", "out"], ["w", "out"], ["b", "started"], ["n", "out"]]);
  });

  it("a reply long before the Branch: the Branch sees the open conversation and goes Started at once", async () => {
    const { runId, contactId } = await runAboutToBranch();
    await reply(contactId);
    await getDb().transaction((tx) => endExpiredWaits(tx, [runId]));
    expect(await runById(runId)).toMatchObject({ status: "completed" });
    expect((await stepsOf(runId)).find((step) => step.node_id === "b")?.outcome).toBe("started");
  });

  it("a reply and the timeout cannot both move a waiting run", async () => {
    const { runId, contactId } = await runAboutToBranch();
    await getDb().transaction((tx) => endExpiredWaits(tx, [runId]));
    expect(await runById(runId)).toMatchObject({ status: "waiting", current_node_id: "b" });
    // The Branch's deadline passes and the contact replies at the same moment.
    await getDb().execute(sql`UPDATE workflow_runs SET wait_until = now() - interval '1 second' WHERE id = ${runId}`);
    await Promise.all([reply(contactId), getDb().transaction((tx) => endExpiredWaits(tx, [runId]))]);
    await getDb().transaction((tx) => advanceRuns(tx, [runId]));
    const branch = (await stepsOf(runId)).filter((step) => step.node_id === "b");
    expect(branch).toHaveLength(1);
    expect(["started", "not_started"]).toContain(branch[0]!.outcome);
    expect((await runById(runId)).status).toBe("completed");
  });
});
