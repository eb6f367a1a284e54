import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { conversationReads } from "@/lib/db/schema/conversation-reads";
import { messages } from "@/lib/db/schema/conversations";
import { notFound } from "@/lib/errors";
import { actorUserId, type ServiceContext } from "@/lib/services/service-context";
import type { MarkConversationReadInput } from "./thread-pages.validation";

/**
 * The agent's first unread contact message in a conversation: the first one after the latest
 * message they were shown at the end of the thread. Null when they have read it all, or have
 * never opened it (then the thread opens at its latest message).
 */
export async function firstUnreadMessageId(db: DbOrTx, workspaceId: string, conversationId: string, userId: string): Promise<string | null> {
  const [first] = await db
    .select({ id: messages.id })
    .from(messages)
    .innerJoin(conversationReads, and(eq(conversationReads.conversationId, messages.conversationId), eq(conversationReads.userId, userId)))
    .where(
      and(
        eq(messages.workspaceId, workspaceId),
        eq(messages.conversationId, conversationId),
        eq(messages.authorType, "contact"),
        gt(messages.createdAt, conversationReads.lastReadAt),
      ),
    )
    .orderBy(asc(messages.createdAt), asc(messages.id))
    .limit(1);
  return first?.id ?? null;
}

/**
 * The agent was shown the thread down to `upTo` (they were at its end): everything up to that
 * message is read. Only ever moves forward (a stale tab cannot move it back).
 */
export async function markConversationRead(ctx: ServiceContext, input: MarkConversationReadInput): Promise<{ read: boolean }> {
  const userId = actorUserId(ctx.actor);
  if (!userId) throw notFound("That agent");
  const marked = await ctx.tx
    .insert(conversationReads)
    .select(
      ctx.tx
        .select({ conversationId: messages.conversationId, userId: sql<string>`${userId}::uuid`.as("user_id"), workspaceId: messages.workspaceId, lastReadAt: messages.createdAt })
        .from(messages)
        .where(and(eq(messages.id, input.upTo), eq(messages.conversationId, input.conversationId), eq(messages.workspaceId, ctx.workspace.id))),
    )
    .onConflictDoUpdate({
      target: [conversationReads.conversationId, conversationReads.userId],
      set: { lastReadAt: sql`greatest(${conversationReads.lastReadAt}, excluded.last_read_at)` },
    })
    .returning({ conversationId: conversationReads.conversationId });
  return { read: marked.length > 0 };
}
