import { and, sql, type SQL } from "drizzle-orm";
import { conversations } from "@/lib/db/schema/conversations";
import { inboxPredicate, visibleInInbox } from "@/lib/db/queries/inbox-predicates";
import { uuidArray } from "@/lib/db/sql-params";
import { notFound, SafeError } from "@/lib/errors";
import { enqueueMany } from "@/lib/jobs/enqueue";
import { requestRoundRobinDrain } from "@/lib/round-robin/round-robin-drain-task";
import { actorUserId, type ServiceContext } from "@/lib/services/service-context";
import { assertAssigneeInWorkspace, assignConversations, closeConversations } from "./agent-actions";
import type { BulkSelection, BulkUpdateInput } from "./bulk-actions.validation";
import { wakeSnoozedJob } from "./job-specs";
import { notifyConversations } from "./notify";
import { transitionConversations } from "./transition";

export type BulkUpdateResult = {
  /** Conversations the change applied to. */
  changed: number;
  /** Selected conversations it did not apply to: their state does not allow it (a snoozed one cannot be snoozed), or they left the view meanwhile. */
  skipped: number;
};

/**
 * The selection as one predicate: only conversations the inbox may show (so a campaign nobody
 * answered is never touched from here), of this workspace, and either the ticked ids or exactly
 * the view's rows — the same predicate the list and its count are read with.
 */
function selectionPredicate(ctx: ServiceContext, selection: BulkSelection): SQL {
  if (selection.kind === "ids") {
    return and(visibleInInbox(ctx.workspace.id), sql`${conversations.id} = ANY(${uuidArray(selection.conversationIds)})`)!;
  }
  const userId = actorUserId(ctx.actor);
  // "Mine" means the acting agent: a caller with no user behind it has no "me".
  if (!userId && selection.filters.assignee === "me") throw notFound("That view");
  return inboxPredicate({ workspaceId: ctx.workspace.id, userId: userId ?? "" }, selection.filters, selection.status);
}

async function countSelected(ctx: ServiceContext, matching: SQL): Promise<number> {
  const [row] = await ctx.tx.select({ n: sql<number>`count(*)::int` }).from(conversations).where(matching);
  return row?.n ?? 0;
}

/**
 * Assigns, prioritises, snoozes or closes many conversations at once. Each change is ONE
 * set-based statement over the selection's predicate (thousands of rows cost one round trip),
 * and state changes go through the state machine's guarded transition, so rows whose state does
 * not allow the event are skipped and counted, never forced.
 */
export async function bulkUpdateConversations(ctx: ServiceContext, input: BulkUpdateInput): Promise<BulkUpdateResult> {
  const matching = selectionPredicate(ctx, input.selection);
  const selected = await countSelected(ctx, matching);
  const change = input.change;
  let changed: number;
  switch (change.action) {
    case "close":
      changed = (await closeConversations(ctx, { conversationIds: { matching } })).length;
      break;
    case "snooze": {
      if (!(change.until.getTime() > Date.now())) throw new SafeError("invalid_snooze", "Choose a time in the future.");
      const rows = await transitionConversations(ctx, { event: "snooze", conversationIds: { matching }, set: { snoozedUntil: change.until } });
      const ids = rows.map((row) => row.id);
      await notifyConversations(ctx, "conversation.snoozed", ids);
      await enqueueMany(ctx.tx, wakeSnoozedJob, ids.map((conversationId) => ({ conversationId })), { runAt: change.until });
      if (ids.length > 0) await requestRoundRobinDrain(ctx);
      changed = ids.length;
      break;
    }
    case "priority": {
      const rows = await ctx.tx
        .update(conversations)
        .set({ priority: change.priority, updatedAt: sql`now()` })
        .where(matching)
        .returning({ id: conversations.id });
      await notifyConversations(ctx, "conversation.priority_changed", rows.map((row) => row.id));
      changed = rows.length;
      break;
    }
    case "assign":
      await assertAssigneeInWorkspace(ctx.tx, ctx.workspace.id, change.assignee);
      changed = (await assignConversations(ctx, { conversationIds: { matching }, assignee: change.assignee })).length;
      break;
  }
  return { changed, skipped: Math.max(0, selected - changed) };
}
