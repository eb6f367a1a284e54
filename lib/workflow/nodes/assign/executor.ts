import { assertAssigneeInWorkspace, assignConversations } from "@/lib/conversations/agent-actions";
import { SafeError } from "@/lib/errors";
import { describeAssignee } from "@/lib/workflow/assignee";
import { failAll, NO_CONVERSATION, type Executor, type StepOutcome } from "@/lib/workflow/engine/executor-types";
import { ports, type AssignConfig } from "./definition";

export const executor: Executor<AssignConfig> = async ({ ctx, ctx: { tx, workspace }, node, runs }) => {
  const assignee = node.config.assignee;
  try {
    await assertAssigneeInWorkspace(tx, workspace.id, assignee, { roundRobinOff: "hold" });
  } catch (error) {
    if (error instanceof SafeError) return failAll(runs, `The assignee of this step is no longer in this workspace (${error.message})`);
    throw error;
  }
  const ids = [...new Set(runs.flatMap((run) => (run.context.conversationId ? [run.context.conversationId] : [])))];
  const assigned = new Set(await assignConversations(ctx, { conversationIds: ids, assignee }));
  return runs.map((run): StepOutcome => {
    const conversationId = run.context.conversationId;
    if (!conversationId) return { kind: "fail", error: NO_CONVERSATION };
    if (!assigned.has(conversationId)) return { kind: "fail", error: "The conversation this step assigns was deleted." };
    return { kind: "next", port: ports.next.id, detail: { assignee: describeAssignee(assignee) } };
  });
};
