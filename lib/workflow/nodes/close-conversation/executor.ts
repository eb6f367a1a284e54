import { closeConversations } from "@/lib/conversations/agent-actions";
import { NO_CONVERSATION, type Executor, type StepOutcome } from "@/lib/workflow/engine/executor-types";
import { ports, type CloseConversationConfig } from "./definition";

export const executor: Executor<CloseConversationConfig> = async ({ ctx, runs }) => {
  const ids = [...new Set(runs.flatMap((run) => (run.context.conversationId ? [run.context.conversationId] : [])))];
  const closed = new Set(await closeConversations(ctx, { conversationIds: ids }));
  return runs.map((run): StepOutcome => {
    const conversationId = run.context.conversationId;
    if (!conversationId) return { kind: "fail", error: NO_CONVERSATION };
    // Already closed (by an agent, say) is what this step wanted: not an error.
    return { kind: "next", port: ports.next.id, detail: { alreadyClosed: !closed.has(conversationId) } };
  });
};
