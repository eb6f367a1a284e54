import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { runService } from "@/lib/services/run-service";
import { asMember } from "@/lib/testing/service-scope";
import { publishWorkflow } from "@/lib/workflow/service/publish";
import { createWorkflow, saveDraft } from "@/lib/workflow/service/workflows";
import type { WorkflowGraphInput } from "@/lib/workflow/graph-schema";

/** Creates, saves and publishes a workflow in one go, as that member of the workspace (integration tests). */
export async function publishGraph(workspaceId: string, userId: string, graph: WorkflowGraphInput, name = "Test workflow") {
  const builder = await asMember(workspaceId, userId);
  const { workflowId, revision } = await runService(builder, createWorkflow, { name });
  await runService(builder, saveDraft, { workflowId, graph, expectedRevision: revision });
  const published = await runService(builder, publishWorkflow, { workflowId });
  return { workflowId, ...published };
}

export type RunRow = { id: string; contact_id: string; status: string; current_node_id: string | null; error: string | null; context: { conversationId?: string; sessionId?: string } };

export async function runById(runId: string): Promise<RunRow> {
  const rows = await getDb().execute<RunRow>(sql`SELECT id, contact_id, status, current_node_id, error, context FROM workflow_runs WHERE id = ${runId}`);
  return rows.rows[0]!;
}

export async function stepsOf(runId: string): Promise<{ node_id: string; status: string; outcome: string | null; error: string | null }[]> {
  const rows = await getDb().execute<{ node_id: string; status: string; outcome: string | null; error: string | null }>(
    sql`SELECT node_id, status, outcome, error FROM run_step_log WHERE run_id = ${runId} ORDER BY created_at, id`,
  );
  return rows.rows;
}

export async function conversationOf(conversationId: string) {
  const rows = await getDb().execute<{
    id: string; state: string; opened: boolean; priority: string; assignee_user_id: string | null; assignee_team_id: string | null;
    direction: string; waiting: boolean; closed: boolean; customer_destination: string | null; customer_identifier: string | null; third_party: boolean;
  }>(sql`
    SELECT id, state, opened_at IS NOT NULL AS opened, priority, assignee_user_id, assignee_team_id, direction,
      waiting_since IS NOT NULL AS waiting, closed_at IS NOT NULL AS closed, customer_destination, customer_identifier, third_party
    FROM conversations WHERE id = ${conversationId}`);
  return rows.rows[0]!;
}

export async function messagesOf(conversationId: string) {
  const rows = await getDb().execute<{ kind: string; author_type: string; author_name: string | null; text: string }>(
    sql`SELECT kind, author_type, author_name, text FROM messages WHERE conversation_id = ${conversationId} ORDER BY created_at, id`,
  );
  return rows.rows;
}
