import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { useTestDatabase } from "@/lib/testing/test-database";
import { reengagementGraph } from "@/lib/workflow/testing/graph-fixtures";
import { publishGraph } from "@/lib/workflow/testing/scenario";
import { createManyContacts, createWorkspaceFixture, waitFor } from "@/lib/workflow/testing/workspace-fixture";
import { killWorker, spawnWorker, type WorkerProcess } from "@/lib/testing/child-processes";

const { url } = await useTestDatabase();
const CONTACTS = 5_000;
// Small batches make many jobs, so the kills land between and inside them.
const WORKER_ENV = { PARLEY_AUDIENCE_BATCH_SIZE: "200", WORKER_CONCURRENCY: "2" };

const workers: WorkerProcess[] = [];
afterAll(async () => {
  for (const worker of workers) await killWorker(worker);
});

async function progress(workflowId: string) {
  const rows = await getDb().execute<{ conversations: string; messages: string; runs: string }>(sql`
    SELECT (SELECT count(*) FROM conversations WHERE workflow_id = ${workflowId}) AS conversations,
           (SELECT count(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.workflow_id = ${workflowId}) AS messages,
           (SELECT count(*) FROM workflow_runs WHERE workflow_id = ${workflowId} AND status = 'waiting') AS runs`);
  const row = rows.rows[0]!;
  return { conversations: Number(row.conversations), messages: Number(row.messages), waiting: Number(row.runs) };
}

describe("crash safety of the audience fan-out", () => {
  it("SIGKILLed at random moments and restarted, a separate worker process leaves exactly one conversation and one first message per contact", async () => {
    const ws = await createWorkspaceFixture(getDb());
    await createManyContacts(getDb(), ws.workspaceId, CONTACTS);
    const { workflowId } = await publishGraph(ws.workspaceId, ws.builderId, reengagementGraph({ senderUserId: ws.agentId, assignTeamId: ws.teamId }));

    // Kill points: random amounts of progress, so each kill lands while batches are in flight.
    const targets = Array.from({ length: 3 }, () => 200 + Math.floor(Math.random() * 4_300)).sort((a, b) => a - b);
    const seenAtKill: number[] = [];
    const started = Date.now();
    for (const target of targets) {
      const worker = spawnWorker(url, WORKER_ENV);
      workers.push(worker);
      await worker.ready;
      await waitFor(async () => (await progress(workflowId)).conversations >= target, { timeoutMs: 60_000, intervalMs: 10, what: `${target} conversations` });
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 40));
      await killWorker(worker);
      seenAtKill.push((await progress(workflowId)).conversations);
      console.log(`[crash-fanout] killed at ${seenAtKill.at(-1)} conversations (target ${target}) after ${Date.now() - started} ms`);
    }

    const last = spawnWorker(url, WORKER_ENV);
    workers.push(last);
    await last.ready;
    const done = await waitFor(async () => {
      const current = await progress(workflowId);
      return current.waiting === CONTACTS && current;
    }, { timeoutMs: 90_000, intervalMs: 100, what: "every contact to be waiting at the Branch" });
    await killWorker(last);
    console.log(`[crash-fanout] all done after ${Date.now() - started} ms`);

    expect(seenAtKill.some((n) => n > 0 && n < CONTACTS)).toBe(true);
    expect(done).toEqual({ conversations: CONTACTS, messages: CONTACTS, waiting: CONTACTS });
    const perContact = await getDb().execute<{ contacts: string; min: number; max: number }>(sql`
      SELECT count(*) AS contacts, min(n) AS min, max(n) AS max FROM (
        SELECT ct.id, count(c.id)::int AS n FROM contacts ct
        LEFT JOIN conversations c ON c.contact_id = ct.id AND c.workflow_id = ${workflowId}
        WHERE ct.workspace_id = ${ws.workspaceId} GROUP BY ct.id) s`);
    expect(perContact.rows[0]).toEqual({ contacts: String(CONTACTS), min: 1, max: 1 });
    const perConversation = await getDb().execute<{ min: number; max: number }>(sql`
      SELECT min(n) AS min, max(n) AS max FROM (
        SELECT c.id, count(m.id)::int AS n FROM conversations c LEFT JOIN messages m ON m.conversation_id = c.id
        WHERE c.workflow_id = ${workflowId} GROUP BY c.id) s`);
    expect(perConversation.rows[0]).toEqual({ min: 1, max: 1 });
    const steps = await getDb().execute<{ n: string }>(sql`
      SELECT count(*) AS n FROM run_step_log s JOIN workflow_runs r ON r.id = s.run_id WHERE r.workflow_id = ${workflowId} AND s.node_id = 'start'`);
    expect(Number(steps.rows[0]!.n)).toBe(CONTACTS);
  }, 180_000);
});
