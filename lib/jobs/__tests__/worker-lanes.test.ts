import pg from "pg";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/testing/test-database";

const { url } = await useTestDatabase();
const { getDb } = await import("@/lib/db/client");
const { startWorker } = await import("@/lib/jobs/run-worker");
const { recordContactMessage } = await import("@/lib/conversations/record-contact-message");
const { runService } = await import("@/lib/services/run-service");
const { asContact } = await import("@/lib/testing/service-scope");
const { audienceBatchJob } = await import("@/lib/workflow/engine/job-specs");
const { reengagementGraph } = await import("@/lib/workflow/testing/graph-fixtures");
const { publishGraph } = await import("@/lib/workflow/testing/scenario");
const { createContacts, createWorkspaceFixture, waitFor } = await import("@/lib/workflow/testing/workspace-fixture");

// More than two batches of the default 1,000 contacts: one in the bulk lane's only slot, the rest queued.
const CAMPAIGN_CONTACTS = 2_500;

const count = async (query: ReturnType<typeof sql>) => Number((await getDb().execute<{ n: string }>(query)).rows[0]!.n);

describe("the worker's lanes", () => {
  const holder = new pg.Client({ connectionString: url });
  afterAll(() => holder.end().catch(() => {}));

  it("runs a reply's next step while every bulk slot is held by a campaign batch and more batches wait", { timeout: 120_000 }, async () => {
    const db = getDb();
    const ws = await createWorkspaceFixture(db);
    const [replier] = await createContacts(db, ws.workspaceId, [{ firstName: "Rita", tags: ["replier"] }]);
    await db.execute(sql`
      INSERT INTO contacts (workspace_id, first_name, last_name, email, tags)
      SELECT ${ws.workspaceId}::uuid, 'Cam', 'Contact ' || g, 'cam' || g || '@example.com', '{campaign}'::text[]
      FROM generate_series(1, ${CAMPAIGN_CONTACTS}) g`);
    // One slot per lane: without lanes, the one slot would hold the blocked batch and the reply would never run.
    const worker = await startWorker({ connectionString: url, concurrency: 1, bulkConcurrency: 1 });
    try {
      const graph = (tag: string) => reengagementGraph({ senderUserId: ws.agentId, assignTeamId: ws.teamId, filter: { tags: { any: [tag] } } });
      const replies = await publishGraph(ws.workspaceId, ws.builderId, graph("replier"), "Repliers");
      const run = await waitFor(
        async () => (await db.execute<{ id: string }>(sql`SELECT id FROM workflow_runs WHERE workflow_id = ${replies.workflowId} AND status = 'waiting'`)).rows[0],
        { what: "the replier's run to wait at its Branch", timeoutMs: 30_000 },
      );

      // Hold the campaign's contacts: a batch entering them waits on these row locks (its runs'
      // foreign keys), so the bulk lane's slot stays taken for as long as this transaction is open.
      await holder.connect();
      await holder.query("BEGIN");
      await holder.query(`SELECT id FROM contacts WHERE workspace_id = $1 AND 'campaign' = ANY(tags) FOR UPDATE`, [ws.workspaceId]);
      const holderPid = (await holder.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
      const campaign = await publishGraph(ws.workspaceId, ws.builderId, graph("campaign"), "Campaign");
      await waitFor(async () => (await count(sql`SELECT count(*) AS n FROM pg_stat_activity WHERE ${holderPid}::int = ANY(pg_blocking_pids(pid))`)) > 0, {
        what: "a campaign batch to be blocked on the held contacts",
        timeoutMs: 30_000,
      });

      // The reply, while the campaign's batches hold and fill the bulk lane.
      await runService(await asContact(ws.workspaceId, replier!), recordContactMessage, { channelId: ws.chatChannelId, contactId: replier!, text: "Yes please" });
      await waitFor(async () => (await count(sql`SELECT count(*) AS n FROM run_steps WHERE run_id = ${run.id} AND node_id = 'assign'`)) > 0, {
        what: "the reply's next step (Assign) — stuck behind the campaign?",
        timeoutMs: 30_000,
      });

      // At that moment the campaign had not moved: its batch still blocked in the bulk lane's slot, the others queued.
      const bulkLock = worker.poolIds().bulk;
      const batches = await db.execute<{ locked_by: string | null }>(sql`SELECT locked_by FROM graphile_worker.jobs WHERE task_identifier = ${audienceBatchJob.name}`);
      expect(batches.rows.length).toBe(3);
      expect(batches.rows.filter((job) => job.locked_by === bulkLock)).toHaveLength(1);
      expect(batches.rows.filter((job) => job.locked_by === null)).toHaveLength(2);
      expect(await count(sql`SELECT count(*) AS n FROM pg_stat_activity WHERE ${holderPid}::int = ANY(pg_blocking_pids(pid))`)).toBeGreaterThan(0);
      expect(await count(sql`SELECT count(*) AS n FROM conversations WHERE workflow_id = ${campaign.workflowId}`)).toBe(0);
      const assigned = await db.execute<{ assignee_team_id: string | null }>(sql`SELECT assignee_team_id FROM conversations WHERE workflow_id = ${replies.workflowId}`);
      expect(assigned.rows).toEqual([{ assignee_team_id: ws.teamId }]);

      // Released, the campaign finishes: every contact entered once.
      await holder.query("COMMIT");
      await waitFor(async () => (await count(sql`SELECT count(*) AS n FROM workflow_runs WHERE workflow_id = ${campaign.workflowId} AND status = 'waiting'`)) === CAMPAIGN_CONTACTS, {
        what: "the campaign to reach every contact",
        timeoutMs: 60_000,
      });
      expect(await count(sql`SELECT count(*) AS n FROM conversations WHERE workflow_id = ${campaign.workflowId}`)).toBe(CAMPAIGN_CONTACTS);
      expect(await count(sql`SELECT count(*) AS n FROM graphile_worker.jobs WHERE task_identifier = ${audienceBatchJob.name}`)).toBe(0);
    } finally {
      await holder.query("ROLLBACK").catch(() => {});
      await worker.stop();
    }
  });
});
