import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { useTestDatabase } from "@/lib/testing/test-database";
import { ConcurrentEntryError } from "@/lib/workflow/engine/advance-runs";
import { evaluateAudience, runAudienceBatch } from "@/lib/workflow/engine/audience-evaluation";
import { reengagementGraph } from "@/lib/workflow/testing/graph-fixtures";
import { publishGraph } from "@/lib/workflow/testing/scenario";
import { createManyContacts, createWorkspaceFixture } from "@/lib/workflow/testing/workspace-fixture";
import { holdTransactionOpen, waitUntilBlockedOnLock } from "@/lib/testing/lock-wait";

// No worker: the test runs the fan-out's jobs itself, twice at once, as a worker that was wrongly
// presumed dead and its replacement would.
await useTestDatabase();

describe("audience fan-out idempotency", () => {
  it("the same batch run twice concurrently enters each contact once; the loser rolls back whole", async () => {
    const ws = await createWorkspaceFixture(getDb());
    await createManyContacts(getDb(), ws.workspaceId, 300);
    const { workflowId, versionId } = await publishGraph(ws.workspaceId, ws.builderId, reengagementGraph({ senderUserId: ws.agentId }));
    const evaluationId = randomUUID();
    expect(await getDb().transaction((tx) => evaluateAudience(tx, { workflowId, versionId, evaluationId }))).toBe(300);
    const jobs = await getDb().execute<{ payload: { afterId: string | null; upToId: string } }>(sql`
      SELECT j.payload FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
      WHERE t.identifier = 'workflow:audience-batch' AND j.payload->>'evaluationId' = ${evaluationId}`);
    expect(jobs.rows).toHaveLength(1);
    const payload = { workflowId, versionId, evaluationId, ...jobs.rows[0]!.payload };

    const a = await holdTransactionOpen((tx) => runAudienceBatch(tx, payload));
    const b = getDb().transaction((tx) => runAudienceBatch(tx, payload)).then(
      () => "committed",
      (error: unknown) => error,
    );
    // Let B get as far as inserting its runs, where it waits on A's uncommitted entry keys.
    await waitUntilBlockedOnLock("%INSERT INTO workflow_runs%", "the second batch to wait on the first");
    a.release();
    expect((await a.committed)?.waiting).toBe(300);
    expect(await b).toBeInstanceOf(ConcurrentEntryError);

    // Run again later (a retried job): nobody is eligible any more.
    expect((await getDb().transaction((tx) => runAudienceBatch(tx, payload)))?.advanced).toBe(0);
    const counts = await getDb().execute<{ conversations: string; messages: string; runs: string; contacts: string }>(sql`
      SELECT (SELECT count(*) FROM conversations WHERE workflow_id = ${workflowId}) AS conversations,
        (SELECT count(DISTINCT contact_id) FROM conversations WHERE workflow_id = ${workflowId}) AS contacts,
        (SELECT count(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.workflow_id = ${workflowId}) AS messages,
        (SELECT count(*) FROM workflow_runs WHERE workflow_id = ${workflowId}) AS runs`);
    expect(counts.rows[0]).toEqual({ conversations: "300", contacts: "300", messages: "300", runs: "300" });
  });

  it("a first attempt leaves entered contacts to the entry key: it rolls back whole, and the retry enters only the others", async () => {
    const ws = await createWorkspaceFixture(getDb());
    await createManyContacts(getDb(), ws.workspaceId, 50);
    const { workflowId, versionId } = await publishGraph(ws.workspaceId, ws.builderId, reengagementGraph({ senderUserId: ws.agentId }));
    const evaluationId = randomUUID();
    expect(await getDb().transaction((tx) => evaluateAudience(tx, { workflowId, versionId, evaluationId }))).toBe(50);
    const jobs = await getDb().execute<{ payload: { afterId: string | null; upToId: string } }>(sql`
      SELECT j.payload FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
      WHERE t.identifier = 'workflow:audience-batch' AND j.payload->>'evaluationId' = ${evaluationId}`);
    const payload = { workflowId, versionId, evaluationId, ...jobs.rows[0]!.payload };
    // One contact of the slice entered after the evaluation (as another evaluation's batch would).
    const [early] = (await getDb().execute<{ id: string }>(sql`SELECT id FROM contacts WHERE workspace_id = ${ws.workspaceId} ORDER BY id LIMIT 1`)).rows;
    await getDb().execute(sql`
      INSERT INTO workflow_runs (workspace_id, workflow_id, version_id, contact_id, trigger_key, status) VALUES (${ws.workspaceId}, ${workflowId}, ${versionId}, ${early!.id}, 'once', 'completed')`);

    const first = await getDb()
      .transaction((tx) => runAudienceBatch(tx, payload, { firstAttempt: true }))
      .catch((error: unknown) => error);
    expect(first).toBeInstanceOf(ConcurrentEntryError);
    const written = async () =>
      (await getDb().execute<{ conversations: string; runs: string }>(sql`
        SELECT (SELECT count(*) FROM conversations WHERE workflow_id = ${workflowId}) AS conversations,
          (SELECT count(*) FROM workflow_runs WHERE workflow_id = ${workflowId}) AS runs`)).rows[0];
    expect(await written()).toEqual({ conversations: "0", runs: "1" });

    expect((await getDb().transaction((tx) => runAudienceBatch(tx, payload, { firstAttempt: false })))?.advanced).toBe(49);
    expect(await written()).toEqual({ conversations: "49", runs: "50" });
  });
});
