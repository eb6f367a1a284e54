import { randomUUID } from "node:crypto";
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/lib/db/client";
import { workflows, workflowVersions } from "@/lib/db/schema/workflows";
import { workspaces } from "@/lib/db/schema/workspaces";
import { workspaceIsLive } from "@/lib/workspace/live-workspace";
import { readEnv } from "@/lib/env";
import { enqueue, enqueueMany } from "@/lib/jobs/enqueue";
import { compileAudience } from "@/lib/workflow/audience/compile-audience";
import { contactIsLiveAs } from "@/lib/contacts/live-contact";
import type { AudienceFilter } from "@/lib/workflow/audience/audience-filter";
import { findTrigger } from "@/lib/workflow/node-types";
import { AUDIENCE_SCHEDULE_SECONDS, audienceMatchedDefinition } from "@/lib/workflow/nodes/audience-matched/definition";
import type { Plan } from "@/lib/plans/plan";
import { enterAndAdvance, type AdvanceSummary } from "./advance-runs";
import { audienceBatchJob, BULK_JOB_PRIORITY, evaluateAudienceJob } from "./job-specs";
import { compileVersionGraph } from "./version-graphs";

/** How many contacts one fan-out job enters and runs; PARLEY_AUDIENCE_BATCH_SIZE lets tests make many small batches. */
export function audienceBatchSize(): number {
  return readEnv().PARLEY_AUDIENCE_BATCH_SIZE;
}

type LiveTrigger = {
  workspaceId: string;
  plan: Plan;
  workflowId: string;
  versionId: string;
  allowReentry: boolean;
  triggerNodeId: string;
  filter: AudienceFilter;
};

/** The workflow's Audience Matched trigger, if this version is still the live one and the workflow is live. */
async function liveAudienceTrigger(db: DbOrTx, workflowId: string, versionId: string): Promise<LiveTrigger | null> {
  const [row] = await db
    .select({ workspaceId: workflows.workspaceId, plan: workspaces.plan, allowReentry: workflows.allowReentry, graph: workflowVersions.graph })
    .from(workflows)
    .innerJoin(workflowVersions, eq(workflowVersions.id, workflows.liveVersionId))
    .innerJoin(workspaces, and(eq(workspaces.id, workflows.workspaceId), workspaceIsLive()))
    .where(and(eq(workflows.id, workflowId), eq(workflows.liveVersionId, versionId), eq(workflows.status, "live")));
  if (!row) return null;
  const trigger = findTrigger(compileVersionGraph(versionId, row.graph).graph);
  if (trigger?.type !== audienceMatchedDefinition.type) return null;
  return {
    workspaceId: row.workspaceId,
    plan: row.plan,
    workflowId,
    versionId,
    allowReentry: row.allowReentry,
    triggerNodeId: trigger.id,
    filter: trigger.config.filter,
  };
}

const triggerKeyOf = (trigger: LiveTrigger, evaluationId: string) => (trigger.allowReentry ? `eval:${evaluationId}` : "once");

/** Entries that keep a contact out: without re-entry, any past entry; with it, a run still in flight. */
function blockingRuns(trigger: LiveTrigger): SQL {
  return trigger.allowReentry ? sql`r.status IN ('running', 'waiting')` : sql`r.trigger_key = 'once'`;
}

/** The audience filter and "has not entered", for the whole audience at once (evaluation). */
function eligible(trigger: LiveTrigger): SQL {
  return sql`${compileAudience(trigger.filter, trigger.workspaceId)} AND ${contactIsLiveAs(sql.raw("c"))}
    AND NOT EXISTS (SELECT 1 FROM workflow_runs r WHERE r.workflow_id = ${trigger.workflowId}::uuid AND r.contact_id = c.id AND ${blockingRuns(trigger)})`;
}

/** Queues an evaluation now (publish, resume, the schedule). */
export async function queueAudienceEvaluation(db: DbOrTx, workflowId: string, versionId: string): Promise<void> {
  await enqueue(db, evaluateAudienceJob, { workflowId, versionId, evaluationId: randomUUID() }, { jobKey: `audience:${workflowId}` });
}

/**
 * One evaluation: finds the eligible contacts with one query and cuts them, by id, into slices
 * of audienceBatchSize(); each slice becomes one job. Returns how many contacts matched.
 */
export async function evaluateAudience(tx: Tx, payload: { workflowId: string; versionId: string; evaluationId: string }): Promise<number> {
  const trigger = await liveAudienceTrigger(tx, payload.workflowId, payload.versionId);
  if (!trigger) return 0;
  const size = audienceBatchSize();
  // One pass over the audience against one pass over the workflow's runs. Right after a big
  // fan-out the planner's statistics still think workflow_runs is tiny and would pick a nested
  // loop that rescans the workflow's runs for every contact.
  await tx.execute(sql`SET LOCAL enable_nestloop = off`);
  const bounds = await tx.execute<{ id: string; n: string; total: string }>(sql`
    SELECT id, n, total FROM (
      SELECT c.id, row_number() OVER (ORDER BY c.id) AS n, count(*) OVER () AS total
      FROM contacts c WHERE ${eligible(trigger)}
    ) s WHERE n % ${size} = 0 OR n = total ORDER BY id`);
  let afterId: string | null = null;
  const payloads = bounds.rows.map((row) => {
    const slice = { ...payload, afterId, upToId: row.id };
    afterId = row.id;
    return slice;
  });
  await enqueueMany(tx, audienceBatchJob, payloads, { priority: BULK_JOB_PRIORITY });
  await tx.update(workflows).set({ audienceEvaluatedAt: sql`now()` }).where(eq(workflows.id, payload.workflowId));
  return Number(bounds.rows[0]?.total ?? 0);
}

/**
 * One slice of an evaluation, in one transaction: the slice's eligible contacts (one SELECT) are
 * entered and run through the graph together, and their runs inserted once, in the state they
 * reached. The unique entry key (workflow, contact, trigger key) guarantees one entry per contact.
 */
export async function runAudienceBatch(
  tx: Tx,
  payload: { workflowId: string; versionId: string; evaluationId: string; afterId: string | null; upToId: string },
  options: { firstAttempt?: boolean } = {},
): Promise<AdvanceSummary | null> {
  const trigger = await liveAudienceTrigger(tx, payload.workflowId, payload.versionId);
  if (!trigger) return null;
  const after = payload.afterId ? sql`AND c.id > ${payload.afterId}::uuid` : sql``;
  // Two index lookups rather than one anti-join, whose plan goes wrong while statistics lag
  // behind a fan-out that is filling workflow_runs right now.
  const candidates = await tx.execute<{ ids: string | null }>(sql`
    SELECT string_agg(c.id::text, ',' ORDER BY c.id) AS ids FROM contacts c
    WHERE ${compileAudience(trigger.filter, trigger.workspaceId)} AND ${contactIsLiveAs(sql.raw("c"))} ${after} AND c.id <= ${payload.upToId}::uuid`);
  const ids = candidates.rows[0]?.ids ? candidates.rows[0].ids.split(",") : [];
  // Contacts of the slice who entered since the evaluation (another evaluation's batch): left out
  // rather than rolling the batch back. Without re-entry the unique entry key (workflow, contact,
  // 'once') refuses them anyway, so a job's first attempt leaves the check to the key: a conflict
  // rolls the batch back (ConcurrentEntryError) and the retry reads them here. The read is not
  // free: as `contact_id = ANY(…)` or as a range of the entry key, its plan may read every run the
  // workflow already has (workflow_runs_workflow_idx), which this very fan-out is filling, while
  // the statistics have not seen the new workflow: measured 0.02 ms a batch on a database's first
  // fan-out and 44 ms on the next ones (100,000 contacts). With re-entry the keys differ per
  // evaluation, so the check always runs.
  const checkEntered = trigger.allowReentry || options.firstAttempt !== true;
  const enteredAfter = payload.afterId ? sql`AND r.contact_id > ${payload.afterId}::uuid` : sql``;
  const entered =
    ids.length && checkEntered
      ? await tx.execute<{ contact_id: string }>(sql`
        SELECT r.contact_id FROM workflow_runs r
        WHERE r.workflow_id = ${trigger.workflowId}::uuid ${enteredAfter} AND r.contact_id <= ${payload.upToId}::uuid AND ${blockingRuns(trigger)}`)
      : { rows: [] };
  const taken = new Set(entered.rows.map((row) => row.contact_id));
  const triggerKey = triggerKeyOf(trigger, payload.evaluationId);
  return enterAndAdvance(
    tx,
    trigger,
    ids.filter((id) => !taken.has(id)).map((contactId) => ({ contactId, triggerKey })),
  );
}

/**
 * The scheduler's tick: queues an evaluation for every live Audience Matched workflow whose
 * interval has passed since it last looked. Returns the workflows queued.
 */
export async function queueDueAudienceEvaluations(db: DbOrTx): Promise<string[]> {
  const cases = sql.join(
    Object.entries(AUDIENCE_SCHEDULE_SECONDS).map(([schedule, seconds]) => sql`WHEN ${schedule} THEN ${seconds}::int`),
    sql` `,
  );
  const due = await db.execute<{ workflow_id: string; version_id: string }>(sql`
    SELECT w.id AS workflow_id, v.id AS version_id
    FROM workflows w JOIN workflow_versions v ON v.id = w.live_version_id
    CROSS JOIN LATERAL (
      SELECT n->'config'->>'schedule' AS schedule FROM jsonb_array_elements(v.graph->'nodes') n
      WHERE n->>'type' = ${audienceMatchedDefinition.type} LIMIT 1) t
    WHERE w.status = 'live' AND v.trigger_type = ${audienceMatchedDefinition.type}
      AND (w.audience_evaluated_at IS NULL
        OR w.audience_evaluated_at <= now() - make_interval(secs => CASE t.schedule ${cases} ELSE 3600 END))`);
  for (const row of due.rows) await queueAudienceEvaluation(db, row.workflow_id, row.version_id);
  return due.rows.map((row) => row.workflow_id);
}
