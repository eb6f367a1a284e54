import { z } from "zod";
import { and, eq } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/lib/db/client";
import { agentAvailability, teamRoundRobin } from "@/lib/db/schema/round-robin";
import { defineTask } from "@/lib/jobs/define-task";
import { enqueue, type TaskRef } from "@/lib/jobs/enqueue";
import { uuidSchema } from "@/lib/validation/uuid";
import { runService } from "@/lib/services/run-service";
import type { ServiceContext } from "@/lib/services/service-context";
import { systemScopeOfWorkspace } from "@/lib/conversations/system-scope";
import { drainWorkspaceRoundRobin } from "./assign-round-robin";

const roundRobinDrainJob = {
  name: "round-robin:drain",
  schema: z.object({ workspaceId: uuidSchema }),
} satisfies TaskRef<z.ZodType>;

/**
 * Capacity was freed (a conversation closed, snoozed or reassigned) or an agent became available:
 * the workspace's round-robin queues are drained after this transaction commits. One job per
 * workspace at a time (job key), so a bulk close of thousands queues one drain, not thousands.
 */
export async function requestRoundRobinDrain(ctx: ServiceContext): Promise<void> {
  const [on] = await ctx.tx
    .select({ teamId: teamRoundRobin.teamId })
    .from(teamRoundRobin)
    .where(and(eq(teamRoundRobin.workspaceId, ctx.workspace.id), eq(teamRoundRobin.enabled, true)))
    .limit(1);
  if (!on) return;
  await enqueue(ctx.tx, roundRobinDrainJob, { workspaceId: ctx.workspace.id }, { jobKey: `round-robin:${ctx.workspace.id}` });
}

/**
 * The person came back to the app after being idle (lib/live/agent-activity): round robin counted
 * them as Away everywhere, so every workspace where they are Available and a team assigns
 * automatically drains its queues. One job per workspace at most, as above.
 */
export async function requestRoundRobinDrainsForAgent(db: DbOrTx, userId: string): Promise<void> {
  const workspaces = await db
    .selectDistinct({ workspaceId: teamRoundRobin.workspaceId })
    .from(teamRoundRobin)
    .innerJoin(
      agentAvailability,
      and(eq(agentAvailability.workspaceId, teamRoundRobin.workspaceId), eq(agentAvailability.userId, userId), eq(agentAvailability.status, "available")),
    )
    .where(eq(teamRoundRobin.enabled, true));
  for (const { workspaceId } of workspaces) await enqueue(db, roundRobinDrainJob, { workspaceId }, { jobKey: `round-robin:${workspaceId}` });
}

export const roundRobinDrainTask = defineTask(roundRobinDrainJob.name, roundRobinDrainJob.schema, async ({ workspaceId }) => {
  const scope = await systemScopeOfWorkspace(getDb(), workspaceId);
  if (scope) await runService(scope, drainWorkspaceRoundRobin, undefined);
});
