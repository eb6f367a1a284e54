import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { getDb, type DbOrTx } from "@/lib/db/client";
import { channels } from "@/lib/db/schema/channels";
import { workflows, workflowVersions } from "@/lib/db/schema/workflows";
import { findTrigger } from "@/lib/workflow/node-types";
import { sessionStartedDefinition } from "@/lib/workflow/nodes/session-started/definition";
import { startRuns } from "./start-runs";
import { compileVersionGraph } from "./version-graphs";
import { uuidSchema } from "@/lib/validation/uuid";

export const sessionStartedEventSchema = z.object({
  workspaceId: uuidSchema,
  channelId: uuidSchema,
  contactId: uuidSchema,
  sessionId: uuidSchema,
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
    const [channel] = await tx
      .select({ id: channels.id })
      .from(channels)
      .where(and(eq(channels.id, event.channelId), eq(channels.workspaceId, event.workspaceId), eq(channels.kind, "chat")));
    if (!channel) return { runIds: [] };
    const live = await tx
      .select({ workflowId: workflows.id, versionId: workflowVersions.id, allowReentry: workflows.allowReentry, graph: workflowVersions.graph })
      .from(workflows)
      .innerJoin(workflowVersions, eq(workflowVersions.id, workflows.liveVersionId))
      .where(and(eq(workflows.workspaceId, event.workspaceId), eq(workflows.status, "live"), eq(workflowVersions.triggerType, sessionStartedDefinition.type)));
    const runIds: string[] = [];
    for (const workflow of live) {
      const trigger = findTrigger(compileVersionGraph(workflow.versionId, workflow.graph).graph);
      if (trigger?.type !== sessionStartedDefinition.type) continue;
      if (trigger.config.channelId && trigger.config.channelId !== event.channelId) continue;
      const ids = await startRuns(
        tx,
        { workspaceId: event.workspaceId, workflowId: workflow.workflowId, versionId: workflow.versionId, triggerNodeId: trigger.id },
        [{ contactId: event.contactId, triggerKey: workflow.allowReentry ? `session:${event.sessionId}` : "once", context: { sessionId: event.sessionId } }],
      );
      runIds.push(...ids);
    }
    return { runIds };
  });
}
