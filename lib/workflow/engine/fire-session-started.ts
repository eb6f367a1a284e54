import { sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type DbOrTx } from "../../db/client";
import { findTrigger } from "../node-types";
import { sessionStartedDefinition } from "../nodes/session-started/definition";
import { startRuns } from "./start-runs";
import { compileVersionGraph } from "./version-graphs";

export const sessionStartedEventSchema = z.object({
  workspaceId: z.uuid(),
  channelId: z.uuid(),
  contactId: z.uuid(),
  sessionId: z.uuid(),
});
export type SessionStartedEvent = z.infer<typeof sessionStartedEventSchema>;

/**
 * A contact opened a chat session: every live workflow of the workspace whose trigger is Session
 * Started (on this channel, or on any chat channel) gets a run with {{session.id}} set. Without
 * re-entry a contact enters such a workflow once (trigger key "once"); with re-entry once per
 * session (the session id). Either way the unique entry key makes a repeated call harmless.
 */
export async function fireSessionStarted(raw: SessionStartedEvent, db: DbOrTx = getDb()): Promise<{ runIds: string[] }> {
  const event = sessionStartedEventSchema.parse(raw);
  return db.transaction(async (tx) => {
    const channel = await tx.execute(sql`
      SELECT 1 FROM channels WHERE id = ${event.channelId} AND workspace_id = ${event.workspaceId} AND kind = 'chat'`);
    if (channel.rows.length === 0) return { runIds: [] };
    const live = await tx.execute<{ workflow_id: string; version_id: string; allow_reentry: boolean; graph: unknown }>(sql`
      SELECT w.id AS workflow_id, v.id AS version_id, w.allow_reentry, v.graph
      FROM workflows w JOIN workflow_versions v ON v.id = w.live_version_id
      WHERE w.workspace_id = ${event.workspaceId} AND w.status = 'live' AND v.trigger_type = ${sessionStartedDefinition.type}`);
    const runIds: string[] = [];
    for (const workflow of live.rows) {
      const trigger = findTrigger(compileVersionGraph(workflow.version_id, workflow.graph).graph);
      if (trigger?.type !== sessionStartedDefinition.type) continue;
      if (trigger.config.channelId && trigger.config.channelId !== event.channelId) continue;
      const ids = await startRuns(
        tx,
        { workspaceId: event.workspaceId, workflowId: workflow.workflow_id, versionId: workflow.version_id, triggerNodeId: trigger.id },
        [{ contactId: event.contactId, triggerKey: workflow.allow_reentry ? `session:${event.sessionId}` : "once", context: { sessionId: event.sessionId } }],
      );
      runIds.push(...ids);
    }
    return { runIds };
  });
}
