import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { textArray } from "@/lib/db/sql-params";
import { isNodeType, NODE_TYPES } from "@/lib/workflow/node-types";
import { nodeDefinitions } from "@/lib/workflow/registry";

export type WorkflowListItem = {
  id: string;
  name: string;
  status: "draft" | "live" | "paused";
  /** The trigger's label: the live version's when published, else the draft's. */
  trigger: string | null;
  lastPublishedAt: string | null;
  updatedAt: string;
  counts: { entered: number; sent: number; started: number };
};

const TRIGGER_TYPES = NODE_TYPES.filter((type) => nodeDefinitions[type].category === "trigger");

function triggerLabel(type: string | null): string | null {
  return type !== null && isNodeType(type) ? nodeDefinitions[type].label : null;
}

/**
 * One query for the whole list: counts are aggregated per workflow in subqueries, and test runs
 * (draft tests from the builder) are left out so the numbers are what real contacts did.
 */
export async function loadWorkflowList(workspaceId: string): Promise<WorkflowListItem[]> {
  const rows = await getDb().execute<{
    id: string;
    name: string;
    status: "draft" | "live" | "paused";
    live_trigger: string | null;
    draft_trigger: string | null;
    last_published_at: Date | null;
    updated_at: Date;
    entered: string | null;
    sent: string | null;
    started: string | null;
  }>(sql`
    SELECT w.id, w.name, w.status, v.trigger_type AS live_trigger,
      (SELECT n->>'type' FROM jsonb_array_elements(w.draft_graph->'nodes') n WHERE n->>'type' = ANY(${textArray(TRIGGER_TYPES)}) LIMIT 1) AS draft_trigger, w.last_published_at, w.updated_at,
      runs.entered, convs.sent, convs.started
    FROM workflows w
    LEFT JOIN workflow_versions v ON v.id = w.live_version_id
    LEFT JOIN LATERAL (
      SELECT count(*) AS entered FROM workflow_runs r WHERE r.workflow_id = w.id AND NOT r.is_test
    ) runs ON true
    LEFT JOIN LATERAL (
      SELECT count(*) AS sent, count(c.opened_at) AS started
      FROM conversations c JOIN workflow_runs r ON r.id = c.run_id AND NOT r.is_test
      WHERE c.workflow_id = w.id AND c.workspace_id = ${workspaceId}
    ) convs ON true
    WHERE w.workspace_id = ${workspaceId}
    ORDER BY w.updated_at DESC, w.id`);
  return rows.rows.map((row) => {
    return {
      id: row.id,
      name: row.name,
      status: row.status,
      trigger: triggerLabel(row.live_trigger) ?? triggerLabel(row.draft_trigger),
      lastPublishedAt: row.last_published_at ? new Date(row.last_published_at).toISOString() : null,
      updatedAt: new Date(row.updated_at).toISOString(),
      counts: { entered: Number(row.entered ?? 0), sent: Number(row.sent ?? 0), started: Number(row.started ?? 0) },
    };
  });
}
