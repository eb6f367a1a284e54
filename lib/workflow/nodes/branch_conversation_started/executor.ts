import { sql } from "drizzle-orm";
import { uuidArray } from "../../../db/sql-params";
import { durationSeconds } from "../../duration";
import { NO_CONVERSATION, type Executor, type StepOutcome } from "../../engine/executor-types";

export const branchConversationStartedExecutor: Executor<"branch_conversation_started"> = async ({ tx, node, runs }) => {
  const ids = new Set<string>();
  for (const run of runs) if (run.context.conversationId) ids.add(run.context.conversationId);
  // FOR SHARE is what makes a reply that races this wait impossible to miss: a reply locks the
  // conversation to open it, so either it committed first and opened_at is seen here, or it waits
  // for this transaction and then finds the run already waiting (lib/conversations/open-conversation.ts).
  const rows = ids.size
    ? await tx.execute<{ id: string; opened: boolean }>(sql`
        SELECT id, opened_at IS NOT NULL AS opened FROM conversations WHERE id = ANY(${uuidArray([...ids])}) ORDER BY id FOR SHARE`)
    : { rows: [] };
  const opened = new Map(rows.rows.map((row) => [row.id, row.opened]));
  const seconds = durationSeconds(node.config.timeout);
  return runs.map((run): StepOutcome => {
    const conversationId = run.context.conversationId;
    if (!conversationId) return { kind: "fail", error: NO_CONVERSATION };
    const isOpen = opened.get(conversationId);
    if (isOpen === undefined) return { kind: "fail", error: "The conversation this step watches was deleted." };
    if (isOpen) return { kind: "next", port: "started" };
    return { kind: "wait", waitFor: "conversation_started", seconds, conversationId };
  });
};
