/**
 * npm run bench:interference — does an inbox stay live during a campaign? `npm run bench`'s
 * reply → next step latency (a contact replies to a campaign; the time from the reply's commit to
 * the waiting run's next step: Branch → Started → Assign written), measured twice in one run with
 * the real worker in a fresh embedded PostgreSQL: first with nothing else going on (the floor),
 * then while a BENCH_CONTACTS-contact fan-out (default 100,000) runs in the same workspace.
 * Target: p99 during the fan-out under 100 ms. CPU seconds (this process and PostgreSQL) beside
 * wall time.
 *
 * The fan-out is `npm run bench`'s (bench/audience-fanout.ts: the same re-engagement workflow and
 * audience rule); the repliers are a separate audience, tagged, whose runs already wait at their
 * Branch. `npm test` runs it tiny (bench/interference.test.ts).
 */
import os from "node:os";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { recordContactMessage } from "@/lib/conversations/record-contact-message";
import { getDb } from "@/lib/db/client";
import { readBenchEnv, readEnv } from "@/lib/env";
import { startWorker } from "@/lib/jobs/run-worker";
import { runService } from "@/lib/services/run-service";
import { asContact, asMember } from "@/lib/testing/service-scope";
import { publishWorkflow } from "@/lib/workflow/service/publish";
import { createWorkflow, saveDraft } from "@/lib/workflow/service/workflows";
import { reengagementGraph } from "@/lib/workflow/testing/graph-fixtures";
import { createWorkspaceFixture, type WorkspaceFixture } from "@/lib/workflow/testing/workspace-fixture";
import { benchDatabase } from "./bench-database";
import { percentile } from "./percentile";
import { treeCpuSeconds } from "./process-cpu";
import { runAsScript } from "./run-as-script";

export type InterferenceBenchOptions = {
  /** Contacts the campaign fans out to while the replies are timed. */
  contacts: number;
  /** Replies timed with nothing else running (the floor). */
  quietReplies: number;
  /** Contacts waiting to reply: enough to keep replying until the fan-out ends. */
  repliers: number;
  /** The interactive lane's slots (replies' next steps). */
  concurrency: number;
  /** The bulk lane's slots (the campaign's batches). */
  bulkConcurrency: number;
  databaseUrl?: string;
};

export type Latencies = { count: number; p50: number; p95: number; p99: number; max: number };
export type InterferenceBenchResult = {
  quiet: Latencies;
  duringFanOut: Latencies;
  fanOutMs: number;
  fanOutConversations: number;
  /** This process's event-loop delay during the fan-out (the worker's batches and the replies' jobs share it), ms. */
  eventLoopDelay: { p99: number; max: number };
};

const summary = (values: number[]): Latencies => {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50) ?? 0, p95: percentile(sorted, 95) ?? 0, p99: percentile(sorted, 99) ?? 0, max: sorted.at(-1) ?? 0 };
};

const show = (l: Latencies) => `p50 ${l.p50.toFixed(1)} ms   p95 ${l.p95.toFixed(1)} ms   p99 ${l.p99.toFixed(1)} ms   max ${l.max.toFixed(1)} ms   (${l.count.toLocaleString("en")} replies)`;

/** Publishes a re-engagement workflow (`npm run bench`'s) for the contacts with `tag`. */
async function publishCampaign(fixture: WorkspaceFixture, name: string, tag: string): Promise<string> {
  const builder = await asMember(fixture.workspaceId, fixture.builderId);
  const { workflowId, revision } = await runService(builder, createWorkflow, { name });
  await runService(builder, saveDraft, {
    workflowId,
    expectedRevision: revision,
    graph: reengagementGraph({ senderUserId: fixture.agentId, assignTeamId: fixture.teamId, filter: { tags: { any: [tag] } } }),
  });
  await runService(builder, publishWorkflow, { workflowId });
  return workflowId;
}

/** Whether the worker still has fan-out work queued (the small job queue, not the big tables). */
async function fanOutPending(): Promise<boolean> {
  const pending = await getDb().execute<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier IN ('workflow:evaluate-audience', 'workflow:audience-batch')`);
  return pending.rows[0]!.n > 0;
}

async function waitingRuns(workflowId: string): Promise<number> {
  const rows = await getDb().execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM workflow_runs WHERE workflow_id = ${workflowId} AND status = 'waiting'`);
  return rows.rows[0]!.n;
}

export async function runInterferenceBench(options: InterferenceBenchOptions): Promise<InterferenceBenchResult> {
  console.log(`Parley interference benchmark — reply → next step, quiet and during a ${options.contacts.toLocaleString("en")}-contact fan-out (worker lanes: ${options.concurrency} interactive, ${options.bulkConcurrency} bulk slots; ${os.cpus().length} CPUs)\n`);
  const database = await benchDatabase({ databaseUrl: options.databaseUrl });
  let stopWorker: (() => Promise<void>) | undefined;
  try {
    const db = getDb();
    const fixture = await createWorkspaceFixture(db);
    await db.execute(sql`
      INSERT INTO contacts (workspace_id, first_name, last_name, email, tags)
      SELECT ${fixture.workspaceId}::uuid, 'Name' || (g % 200), 'Contact ' || g, 'c' || g || '@example.com',
        CASE WHEN g <= ${options.repliers} THEN '{replier}'::text[] ELSE '{campaign}'::text[] END
      FROM generate_series(1, ${options.repliers + options.contacts}) g`);
    await db.execute(sql`VACUUM ANALYZE`);
    const worker = await startWorker({ connectionString: database.url, concurrency: options.concurrency, bulkConcurrency: options.bulkConcurrency });
    stopWorker = worker.stop;

    // The repliers' campaign first: every one of its runs waits at its Branch for a reply.
    const replyWorkflow = await publishCampaign(fixture, "Repliers", "replier");
    while ((await fanOutPending()) || (await waitingRuns(replyWorkflow)) < options.repliers) await new Promise((resolve) => setTimeout(resolve, 50));
    await db.execute(sql`VACUUM ANALYZE`);
    const repliers = await db.execute<{ contact_id: string; run_id: string }>(sql`
      SELECT contact_id, id AS run_id FROM workflow_runs WHERE workflow_id = ${replyWorkflow} ORDER BY random()`);
    const queue = [...repliers.rows];

    /** One reply, timed from its commit to its run's next step. */
    const reply = async (): Promise<number> => {
      const next = queue.shift();
      if (!next) throw new Error("ran out of repliers before the fan-out ended: raise the repliers");
      const { contact_id: contactId, run_id: runId } = next;
      const recorded = await runService(await asContact(fixture.workspaceId, contactId), recordContactMessage, { channelId: fixture.chatChannelId, contactId, text: "Yes, actually!" });
      const committed = performance.now();
      if (!recorded.opened) throw new Error("a reply did not open its campaign");
      for (;;) {
        const step = await db.execute(sql`SELECT 1 FROM run_steps WHERE run_id = ${runId} AND node_id = 'assign'`);
        if (step.rows.length > 0) return performance.now() - committed;
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    };

    const quiet: number[] = [];
    for (let i = 0; i < options.quietReplies; i++) quiet.push(await reply());

    // The campaign: publish, then reply one after another until its last batch is done.
    const during: number[] = [];
    const cpuStart = await treeCpuSeconds([process.pid]);
    const loopDelay = monitorEventLoopDelay({ resolution: 5 });
    loopDelay.enable();
    const started = performance.now();
    const campaign = await publishCampaign(fixture, "Campaign", "campaign");
    while (await fanOutPending()) during.push(await reply());
    const fanOutMs = performance.now() - started;
    loopDelay.disable();
    const eventLoopDelay = { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 };
    const cpu = (await treeCpuSeconds([process.pid]))[0]! - cpuStart[0]!;
    const written = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM conversations WHERE workflow_id = ${campaign}`);
    const fanOutConversations = written.rows[0]!.n;
    if (fanOutConversations !== options.contacts) throw new Error(`the campaign wrote ${fanOutConversations} conversations, not ${options.contacts}`);

    const result = { quiet: summary(quiet), duringFanOut: summary(during), fanOutMs, fanOutConversations, eventLoopDelay };
    console.log(`Reply → waiting run's next step (Branch → Started → Assign), one reply at a time
  quiet (floor)      ${show(result.quiet)}
  during fan-out     ${show(result.duringFanOut)}   (target p99 < 100 ms: ${result.duringFanOut.p99 < 100 ? "PASS" : "MISS"})
  the fan-out        ${fanOutConversations.toLocaleString("en")} conversations in ${(fanOutMs / 1000).toFixed(2)} s wall, ${cpu.toFixed(1)} s CPU (this process + PostgreSQL), load ${os.loadavg()[0]!.toFixed(1)}
  event loop         p99 ${eventLoopDelay.p99.toFixed(1)} ms   max ${eventLoopDelay.max.toFixed(1)} ms delay during the fan-out (this process runs the worker's both lanes and the replies)
`);
    return result;
  } finally {
    await stopWorker?.();
    await database.close();
  }
}

runAsScript(import.meta.url, async () => {
  const env = readBenchEnv();
  await runInterferenceBench({
    contacts: env.BENCH_CONTACTS,
    quietReplies: env.BENCH_REPLIES,
    repliers: env.BENCH_REPLIES + 5_000,
    concurrency: env.BENCH_WORKER_CONCURRENCY ?? readEnv().WORKER_CONCURRENCY,
    bulkConcurrency: readEnv().WORKER_BULK_CONCURRENCY,
  });
});
