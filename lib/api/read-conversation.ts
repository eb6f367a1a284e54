import { and, asc, eq } from "drizzle-orm";
import { externalAttachments } from "@/lib/attachments/external-attachments";
import type { DbOrTx } from "@/lib/db/client";
import { conversationContactIsLive } from "@/lib/contacts/live-contact";
import { conversations, messages } from "@/lib/db/schema/conversations";
import { SafeError } from "@/lib/errors";
import { serializeConversation } from "./serialize";

/** A conversation of this workspace with its messages and notes, as the API shows it; another workspace's is 404. */
export async function readConversation(db: DbOrTx, workspaceId: string, conversationId: string) {
  const [conversation] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.id, conversationId), eq(conversations.workspaceId, workspaceId), conversationContactIsLive()));
  if (!conversation) throw new SafeError("not_found", "No such conversation in this workspace.");
  const thread = await db
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.workspaceId, workspaceId)))
    .orderBy(asc(messages.createdAt), asc(messages.id));
  const attachments = await externalAttachments(db, workspaceId, thread.map((message) => message.id));
  return serializeConversation(conversation, thread, attachments);
}
