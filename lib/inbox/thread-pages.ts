import { listThreadPage, type ThreadPage } from "@/lib/db/queries/conversation-thread";
import type { ServiceContext } from "@/lib/services/service-context";
import type { OlderThreadMessagesInput } from "./thread-pages.validation";

/**
 * The messages just before `before` in a conversation of this workspace, a page at a time, for
 * the thread the agent scrolls up in. Another workspace's conversation reads as empty.
 */
export async function olderThreadMessages(ctx: ServiceContext, input: OlderThreadMessagesInput): Promise<ThreadPage> {
  return listThreadPage(ctx.workspace.id, input.conversationId, { before: input.before, db: ctx.tx });
}
