import "server-only";
import { sql } from "drizzle-orm";
import type { EditorWorkflow } from "@/components/workflow-editor/workflow-editor";
import type { EditorWorkspace } from "@/components/workflow-editor/editor-context";
import { getDb } from "@/lib/db/client";
import { emptyGraph, type WorkflowGraphInput } from "@/lib/workflow/graph-schema";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The workflow and the workspace facts the editor needs, or null when it isn't in this workspace. */
export async function loadWorkflowEditor(
  workspaceId: string,
  workflowId: string,
  currentUserId: string,
): Promise<{ workflow: EditorWorkflow; workspace: EditorWorkspace } | null> {
  if (!uuid.test(workflowId)) return null;
  const rows = await getDb().execute<{
    workflow: {
      id: string;
      name: string;
      status: "draft" | "live" | "paused";
      draft_revision: number;
      draft_graph: unknown;
      last_published_at: string | null;
      live_version_id: string | null;
      allow_reentry: boolean;
    } | null;
    plan: "free" | "enterprise";
    members: EditorWorkspace["members"];
    teams: EditorWorkspace["teams"];
    channels: EditorWorkspace["channels"];
    keys: string[];
  }>(sql`
    SELECT
      (SELECT row_to_json(x) FROM (
        SELECT id, name, status, draft_revision, draft_graph, last_published_at, live_version_id, allow_reentry
        FROM workflows WHERE id = ${workflowId}::uuid AND workspace_id = ws.id) x) AS workflow,
      ws.plan,
      coalesce((SELECT json_agg(json_build_object('id', u.id, 'name', u.name, 'email', u.email, 'avatarUrl', u.avatar_url) ORDER BY u.name)
        FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.workspace_id = ws.id), '[]') AS members,
      coalesce((SELECT json_agg(json_build_object('id', t.id, 'name', t.name) ORDER BY t.name) FROM teams t WHERE t.workspace_id = ws.id), '[]') AS teams,
      coalesce((SELECT json_agg(json_build_object('id', c.id, 'name', c.name, 'kind', c.kind, 'isDefault', c.is_default) ORDER BY c.is_default DESC, c.name)
        FROM channels c WHERE c.workspace_id = ws.id), '[]') AS channels,
      ARRAY(SELECT DISTINCT jsonb_object_keys(attributes) FROM contacts WHERE workspace_id = ws.id ORDER BY 1) AS keys
    FROM workspaces ws WHERE ws.id = ${workspaceId}::uuid`);
  const row = rows.rows[0];
  if (!row?.workflow) return null;
  const draft = row.workflow.draft_graph;
  const graph = (typeof draft === "object" && draft !== null && Array.isArray((draft as WorkflowGraphInput).nodes) ? draft : emptyGraph()) as WorkflowGraphInput;
  return {
    workflow: {
      id: row.workflow.id,
      name: row.workflow.name,
      status: row.workflow.status,
      revision: row.workflow.draft_revision,
      graph,
      lastPublishedAt: row.workflow.last_published_at,
      hasLiveVersion: row.workflow.live_version_id !== null,
      allowReentry: row.workflow.allow_reentry,
    },
    workspace: {
      workspaceId,
      workflowId: row.workflow.id,
      plan: row.plan,
      currentUserId,
      members: row.members,
      teams: row.teams,
      channels: row.channels,
      customAttributeKeys: row.keys,
    },
  };
}
