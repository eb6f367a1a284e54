import { sql } from "drizzle-orm";
import { appDb } from "./server-data";

export const ALEX_ID = "0a0c0e00-0000-4000-8000-0000000000e1";
export const JORDAN_ID = "0a0c0e00-0000-4000-8000-0000000000e3";
export const SUPPORT_TEAM_ID = "0a0c0e00-0000-4000-8000-0000000000a1";

/**
 * Builds and publishes a workflow through the same server-side services the builder's actions
 * call (create, save draft, publish), for specs that are about what a live workflow does rather
 * than about the canvas. The canvas itself is covered in e2e/workflows.
 */
/** Alex's scope in the workspace, as the builder's server actions pass it to the services. */
async function asAlex(workspaceId: string) {
  await appDb();
  const { runService } = await import("@/lib/services/run-service");
  const { asMember } = await import("@/lib/testing/service-scope");
  const scope = await asMember(workspaceId, ALEX_ID);
  return { scope, runService };
}

export async function publishWorkflowGraph(workspaceId: string, name: string, graph: unknown): Promise<string> {
  const { scope, runService } = await asAlex(workspaceId);
  const { createWorkflow, saveDraft } = await import("@/lib/workflow/service/workflows");
  const { publishWorkflow } = await import("@/lib/workflow/service/publish");
  const { workflowId, revision } = await runService(scope, createWorkflow, { name });
  await runService(scope, saveDraft, { workflowId, graph, expectedRevision: revision });
  await runService(scope, publishWorkflow, { workflowId });
  return workflowId;
}

export async function runWorkflowOn(workspaceId: string, workflowId: string, contactIds: string[]) {
  const { scope, runService } = await asAlex(workspaceId);
  const { runManual } = await import("@/lib/workflow/service/run-manual");
  return runService(scope, runManual, { workflowId, contactIds, test: false });
}

export async function textDocument(text: string) {
  const { textToDocument } = await import("@/lib/rich-text/document-schema");
  return textToDocument(text);
}

/**
 * A fresh contact of the workspace (as an import or the API would create one): no conversation
 * ever, so in the re-engagement audience, and in no other spec's campaigns.
 */
export async function freshContact(workspaceId: string, firstName: string, lastName: string): Promise<{ id: string; firstName: string; lastName: string; email: string }> {
  const db = await appDb();
  const externalId = `e2e-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const rows = await db.execute<{ id: string }>(sql`
    INSERT INTO contacts (workspace_id, external_id, first_name, last_name, email)
    VALUES (${workspaceId}, ${externalId}, ${firstName}, ${lastName}, ${`${externalId}@example.net`})
    RETURNING id`);
  return { id: rows.rows[0]!.id, firstName, lastName, email: `${externalId}@example.net` };
}

/** Polls until the workflow has started a conversation with the contact (fan-out runs in the worker). */
export async function waitForConversation(workflowId: string, contactId: string, timeoutMs = 30_000): Promise<{ id: string; state: string }> {
  const db = await appDb();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await db.execute<{ id: string; state: string }>(sql`
      SELECT id, state FROM conversations WHERE workflow_id = ${workflowId} AND contact_id = ${contactId} LIMIT 1`);
    if (rows.rows[0]) return rows.rows[0];
    if (Date.now() > deadline) throw new Error(`workflow ${workflowId} started no conversation with ${contactId}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export async function countWorkflowConversations(workflowId: string): Promise<{ total: number; opened: number }> {
  const db = await appDb();
  const rows = await db.execute<{ total: number; opened: number }>(sql`
    SELECT count(*)::int AS total, count(opened_at)::int AS opened FROM conversations WHERE workflow_id = ${workflowId}`);
  return rows.rows[0]!;
}
