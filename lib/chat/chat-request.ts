import "server-only";
import { SafeError, notFound } from "@/lib/errors";
import type { Actor, ServiceWorkspace } from "@/lib/services/service-context";
import { authenticateChatSession, chatScope, findChatChannel, type ChatContext } from "./chat-session";
import type { ChatScope } from "@/lib/db/queries/chat-messages";

/**
 * The session a chat API request carries, on the channel in its URL, or a 404/401 SafeError.
 * `scope` is what the chat's queries read by; `actingAs` is what a service it calls runs as:
 * the session's contact, in the channel's workspace.
 */
export async function requireChatContext(
  channelId: string,
  token: string | null | undefined,
): Promise<ChatContext & { scope: ChatScope; actingAs: { workspace: ServiceWorkspace; actor: Actor } }> {
  const channel = await findChatChannel(channelId);
  if (!channel) throw notFound("That chat");
  const context = await authenticateChatSession(channel, token);
  if (!context) throw new SafeError("chat_session_invalid", "Your chat session has ended. Reload the page to start a new one.");
  return {
    ...context,
    scope: { workspaceId: channel.workspaceId, channelId: channel.id, contactId: context.session.contactId, sessionId: context.session.id },
    actingAs: chatScope(channel, context.session.contactId),
  };
}
