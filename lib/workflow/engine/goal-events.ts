import { inArray, sql, type Placeholder, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { workflowVersions } from "@/lib/db/schema/workflows";
import { uuidArray } from "@/lib/db/sql-params";
import type { ServiceContext } from "@/lib/services/service-context";
import { compileAudience } from "@/lib/workflow/audience/compile-audience";
import { storedGoal, workflowGoalSchema, type GoalKind, type WorkflowGoal } from "@/lib/workflow/goal/goal";
import { notifyRunsMoved } from "./notify-runs-moved";

/**
 * Something that can meet a workflow goal happened: contacts replied, contacts' attributes or
 * tags changed, or an agent closed conversations. Called once per event in the event's own
 * transaction (so a goal is met exactly when the event commits).
 */
export type GoalEvent =
  | { kind: "contact_replied"; contactIds: readonly string[] }
  | { kind: "contact_changed"; contactIds: readonly string[] }
  | { kind: "closed_by_agent"; conversationIds: readonly string[] };

const GOAL_OF_EVENT: Record<GoalEvent["kind"], GoalKind> = {
  contact_replied: "contact_replied",
  contact_changed: "contact_matches",
  closed_by_agent: "closed_by_agent",
};

/** The versions with a goal an event can meet, as lockGoalCandidates found them (meetGoals may reuse them). */
export type GoalVersions = { id: string; workflow_id: string; goal: unknown }[];

/** Which of the workspace's versions (alias `v`) have a goal an event of this kind can meet (few, by a partial index). */
function canMeetGoalOf(workspaceId: string | Placeholder, kind: GoalEvent["kind"]): SQL {
  return sql`v.workspace_id = ${workspaceId} AND v.goal IS NOT NULL AND v.goal -> 'condition' ->> 'kind' = ${GOAL_OF_EVENT[kind]}`;
}

/** The workflows whose versions have a goal this event can meet. */
async function goalVersions(ctx: ServiceContext, event: GoalEvent): Promise<GoalVersions> {
  const versions = await ctx.tx.execute<{ id: string; workflow_id: string; goal: unknown }>(sql`
    SELECT v.id, v.workflow_id, v.goal FROM workflow_versions v WHERE ${canMeetGoalOf(ctx.workspace.id, event.kind)}`);
  return versions.rows;
}

/**
 * The same versions as a JSON array column, for a caller to read in a statement it runs anyway
 * (a contact's message reads them with the contact) and hand to lockGoalCandidates: one round
 * trip fewer per event.
 */
export function goalVersionsColumn(workspaceId: string | Placeholder, kind: GoalEvent["kind"]): SQL<GoalVersions> {
  return sql<GoalVersions>`(
    SELECT coalesce(json_agg(json_build_object('id', v.id, 'workflow_id', v.workflow_id, 'goal', v.goal)), '[]'::json)
    FROM workflow_versions v WHERE ${canMeetGoalOf(workspaceId, kind)})`;
}

/**
 * Locks the runs an event may convert, before the event's own writes lock its contact or
 * conversations. The engine locks a run and then its contact and conversation; an event that
 * locked those first and its runs after could deadlock with a batch advancing the same run.
 * Raw SQL for the lock, in id order as the engine takes them. Returns the versions it found, for
 * the same event's meetGoals.
 */
export async function lockGoalCandidates(ctx: ServiceContext, event: GoalEvent, read?: GoalVersions): Promise<GoalVersions> {
  const ids = "contactIds" in event ? event.contactIds : event.conversationIds;
  if (ids.length === 0) return [];
  const versions = read ?? (await goalVersions(ctx, event));
  if (versions.length === 0) return versions;
  const workflowIds = uuidArray([...new Set(versions.map((row) => row.workflow_id))]);
  const which =
    "contactIds" in event
      ? sql`r.contact_id = ANY(${uuidArray(ids)})`
      : sql`r.id IN (SELECT run_id FROM conversations WHERE id = ANY(${uuidArray(ids)}) AND workspace_id = ${ctx.workspace.id} AND run_id IS NOT NULL)`;
  await ctx.tx.execute(sql`
    SELECT r.id FROM workflow_runs r
    WHERE r.workflow_id = ANY(${workflowIds}) AND r.workspace_id = ${ctx.workspace.id} AND r.goal_met_at IS NULL AND r.status <> 'failed' AND ${which}
    ORDER BY r.id FOR NO KEY UPDATE`);
  return versions;
}

/**
 * Marks the runs this event converts, set-based: every run not yet converted (and not failed) of a
 * version whose goal this event can meet, for these contacts or conversations. goal_met_at is set
 * once (WHERE goal_met_at IS NULL), so a run converts once whatever happens after. A goal with
 * "exit when met" also ends the run where it is: a waiting run becomes completed, and its
 * deadline job and reply resume then find no waiting run (both are guarded on status = 'waiting').
 * Returns how many runs converted.
 */
export async function meetGoals(ctx: ServiceContext, event: GoalEvent, locked?: GoalVersions): Promise<number> {
  const ids = "contactIds" in event ? event.contactIds : event.conversationIds;
  if (ids.length === 0) return 0;
  // The versions lockGoalCandidates found for this event in this transaction: their runs are the
  // ones it locked, so asking again would only cost a query.
  const versions = { rows: locked ?? (await goalVersions(ctx, event)) };
  if (versions.rows.length === 0) return 0;

  const met: { workspaceId: string; workflowId: string }[] = [];
  const convert = async (versionIds: string[], which: SQL, extraFrom: SQL = sql``) => {
    // Raw SQL on purpose: one guarded UPDATE for every run the event converts, locking them the
    // way the engine does, so a run being advanced is converted after that batch commits.
    const rows = await ctx.tx.execute<{ workflow_id: string }>(sql`
      UPDATE workflow_runs r SET
        goal_met_at = now(),
        status = CASE WHEN (v.goal ->> 'exitWhenMet')::boolean AND r.status IN ('running', 'waiting') THEN 'completed'::run_status ELSE r.status END,
        wait_for = CASE WHEN (v.goal ->> 'exitWhenMet')::boolean THEN NULL ELSE r.wait_for END,
        wait_until = CASE WHEN (v.goal ->> 'exitWhenMet')::boolean THEN NULL ELSE r.wait_until END,
        wait_conversation_id = CASE WHEN (v.goal ->> 'exitWhenMet')::boolean THEN NULL ELSE r.wait_conversation_id END,
        resume_outcome = CASE WHEN (v.goal ->> 'exitWhenMet')::boolean THEN NULL ELSE r.resume_outcome END,
        finished_at = CASE WHEN (v.goal ->> 'exitWhenMet')::boolean AND r.status IN ('running', 'waiting') THEN now() ELSE r.finished_at END,
        updated_at = now()
      FROM workflow_versions v ${extraFrom}
      WHERE v.id = r.version_id AND v.id = ANY(${uuidArray(versionIds)})
        AND r.workflow_id = ANY(${uuidArray([...new Set(versions.rows.map((row) => row.workflow_id))])})
        AND r.workspace_id = ${ctx.workspace.id} AND r.goal_met_at IS NULL AND r.status <> 'failed'
        AND ${which}
      RETURNING r.workflow_id`);
    for (const row of rows.rows) met.push({ workspaceId: ctx.workspace.id, workflowId: row.workflow_id });
  };

  if (event.kind === "contact_replied") {
    await convert(versions.rows.map((row) => row.id), sql`r.contact_id = ANY(${uuidArray(ids)})`);
  } else if (event.kind === "closed_by_agent") {
    // The conversation this run started: conversations.run_id.
    await convert(
      versions.rows.map((row) => row.id),
      sql`c.run_id = r.id AND c.id = ANY(${uuidArray(ids)}) AND c.workspace_id = ${ctx.workspace.id}`,
      sql`, conversations c`,
    );
  } else {
    // Each version's condition compiled by the audience filter's one compiler, against the changed contacts.
    for (const version of versions.rows) {
      const goal = workflowGoalSchema.safeParse(version.goal);
      if (!goal.success || goal.data.condition.kind !== "contact_matches") continue;
      const matches = compileAudience(goal.data.condition.filter, ctx.workspace.id, sql.raw("c"));
      await convert([version.id], sql`c.id = r.contact_id AND c.id = ANY(${uuidArray(ids)}) AND ${matches}`, sql`, contacts c`);
    }
  }
  if (met.length > 0) await notifyRunsMoved(ctx.tx, met);
  return met.length;
}

// A version's goal never changes (versions are immutable), so the few lookups a batch makes are cached.
const conditionGoalCache = new Map<string, WorkflowGoal | null>();
const GOAL_CACHE_LIMIT = 500;

async function conditionGoals(tx: DbOrTx, versionIds: readonly string[]): Promise<Map<string, WorkflowGoal>> {
  const missing = versionIds.filter((id) => !conditionGoalCache.has(id));
  if (missing.length > 0) {
    const rows = await tx.select({ id: workflowVersions.id, goal: workflowVersions.goal }).from(workflowVersions).where(inArray(workflowVersions.id, missing));
    for (const id of missing) {
      const goal = storedGoal(rows.find((row) => row.id === id)?.goal);
      if (conditionGoalCache.size >= GOAL_CACHE_LIMIT) conditionGoalCache.delete(conditionGoalCache.keys().next().value!);
      conditionGoalCache.set(id, goal?.condition.kind === "contact_matches" ? goal : null);
    }
  }
  const result = new Map<string, WorkflowGoal>();
  for (const id of versionIds) {
    const goal = conditionGoalCache.get(id);
    if (goal) result.set(id, goal);
  }
  return result;
}

export type EnteringRun = { runId: string; workspaceId: string; versionId: string; contactId: string };

/**
 * The runs entering a workflow whose contact already meets its attribute/tag goal: they convert
 * on entry (a contact who matched before entering has no "next change" to convert them). Returns
 * each converted run with whether it exits there. One query per goal version among the entering
 * runs, none when no version has a condition goal (the common case, cached).
 */
export async function goalsMetOnEntry(tx: DbOrTx, entering: readonly EnteringRun[]): Promise<Map<string, { exit: boolean }>> {
  const met = new Map<string, { exit: boolean }>();
  if (entering.length === 0) return met;
  const goals = await conditionGoals(tx, [...new Set(entering.map((run) => run.versionId))]);
  for (const [versionId, goal] of goals) {
    if (goal.condition.kind !== "contact_matches") continue;
    const runs = entering.filter((run) => run.versionId === versionId);
    const workspaceId = runs[0]!.workspaceId;
    const matches = compileAudience(goal.condition.filter, workspaceId, sql.raw("c"));
    // The audience filter's one compiler, against these contacts only (their primary keys).
    const rows = await tx.execute<{ id: string }>(sql`
      SELECT c.id FROM contacts c WHERE c.workspace_id = ${workspaceId} AND c.id = ANY(${uuidArray([...new Set(runs.map((run) => run.contactId))])}) AND ${matches}`);
    const matched = new Set(rows.rows.map((row) => row.id));
    for (const run of runs) if (matched.has(run.contactId)) met.set(run.runId, { exit: goal.exitWhenMet });
  }
  return met;
}
