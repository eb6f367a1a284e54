import { and, eq, sql } from "drizzle-orm";
import { workflows } from "@/lib/db/schema/workflows";
import { notFound } from "@/lib/errors";
import { audit } from "@/lib/services/audit";
import type { ServiceContext } from "@/lib/services/service-context";
import type { WorkflowGoal } from "@/lib/workflow/goal/goal";
import type { SetWorkflowGoalInput } from "./workflow-goal.validation";

/**
 * Sets the workflow's goal (or clears it). Saved at once, like the other workflow settings; runs
 * are measured by the goal of the version they run, so it takes effect from the next publish.
 */
export async function setWorkflowGoal(ctx: ServiceContext, input: SetWorkflowGoalInput): Promise<{ goal: WorkflowGoal | null }> {
  const updated = await ctx.tx
    .update(workflows)
    .set({ goal: input.goal, updatedAt: sql`now()` })
    .where(and(eq(workflows.id, input.workflowId), eq(workflows.workspaceId, ctx.workspace.id)))
    .returning({ id: workflows.id });
  if (updated.length === 0) throw notFound("That workflow");
  await audit(ctx, {
    action: "workflow.settings_changed",
    target: { type: "workflow", id: input.workflowId },
    data: { goal: input.goal ? { kind: input.goal.condition.kind, exitWhenMet: input.goal.exitWhenMet } : null },
  });
  return { goal: input.goal };
}
