import { sql } from "drizzle-orm";
import { uuidArray } from "@/lib/db/sql-params";
import { durationSeconds } from "@/lib/workflow/duration";
import { NO_CONVERSATION, WAIT_FOR, type Executor, type StepOutcome } from "@/lib/workflow/engine/executor-types";
import { ports, type BranchConversationStartedConfig } from "./definition";

export const executor: Executor<BranchConversationStartedConfig> = async ({ ctx: { tx }, node, runs }) => {
  const ids = new Set<string>();
  for (const run of runs) if (run.context.conversationId) ids.add(run.context.conversationId);
  // Raw SQL for the lock: FOR SHARE is what makes a reply that races this wait impossible to miss.
  // A reply locks the conversation to open it, so either it committed first and opened_at is seen
  // here, or it waits for this transaction and then finds the run already waiting
  // (lib/conversations/open-conversation.ts). Locked rows are summarised in SQL: usually none is
  // open yet and none was deleted, so nothing per conversation comes back.
  const summary = ids.size
    ? await tx.execute<{ found: number; opened: string | null }>(sql`
        SELECT count(*)::int AS found, string_agg(id::text, ',') FILTER (WHERE opened) AS opened FROM (
          SELECT id, opened_at IS NOT NULL AS opened FROM conversations WHERE id = ANY(${uuidArray([...ids])}) ORDER BY id FOR SHARE) locked`)
    : { rows: [{ found: 0, opened: null }] };
  const openedIds = new Set(summary.rows[0]!.opened ? summary.rows[0]!.opened.split(",") : []);
  let existing: Set<string> | null = null;
  if (summary.rows[0]!.found !== ids.size) {
    const present = await tx.execute<{ id: string }>(sql`SELECT id FROM conversations WHERE id = ANY(${uuidArray([...ids])})`);
    existing = new Set(present.rows.map((row) => row.id));
  }
  const seconds = durationSeconds(node.config.timeout);
  return runs.map((run): StepOutcome => {
    const conversationId = run.context.conversationId;
    if (!conversationId) return { kind: "fail", error: NO_CONVERSATION };
    if (existing && !existing.has(conversationId)) return { kind: "fail", error: "The conversation this step watches was deleted." };
    if (openedIds.has(conversationId)) return { kind: "next", port: ports.started.id };
    // Not open yet: a reply leaves by Started, the timeout by Not started (the definition's waitEnds).
    return { kind: "wait", waitFor: WAIT_FOR.conversationStarted, seconds, conversationId };
  });
};
