import "server-only";
import { SafeError, notFound } from "@/lib/errors";
import type { Actor, ServiceWorkspace } from "@/lib/services/service-context";
import { chatScope, findChatChannelSession, type ChatContext } from "./chat-session";
import { parseSessionToken, sessionToken, verifySessionMac } from "./session-token";
import type { ChatScope } from "@/lib/db/queries/chat-messages";

/**
 * The session a chat API request carries, on the channel in its URL, or a 404/401 SafeError.
 * `scope` is what the chat's queries read by; `actingAs` is what a service it calls runs as:
 * the session's contact, in the channel's workspace. With `dedupeKey` (a POST's), `duplicateOf`
 * is the message the contact already sent under it: looked up in the same statement.
 */
export async function requireChatContext(
  channelId: string,
  token: string | null | undefined,
  options: { dedupeKey?: string } = {},
): Promise<ChatContext & { scope: ChatScope; actingAs: { workspace: ServiceWorkspace; actor: Actor }; duplicateOf: string | null }> {
  const parsed = parseSessionToken(token);
  const found = await findChatChannelSession(channelId, parsed?.sessionId ?? null, options.dedupeKey);
  if (!found) throw notFound("That chat");
  const { channel, session } = found;
  if (!parsed || !session || !verifySessionMac(parsed.sessionId, parsed.mac, channel.identitySecret)) {
    throw new SafeError("chat_session_invalid", "Your chat session has ended. Reload the page to start a new one.");
  }
  return {
    channel,
    session,
    token: sessionToken(session.id, channel.identitySecret),
    scope: { workspaceId: channel.workspaceId, channelId: channel.id, contactId: session.contactId, sessionId: session.id },
    actingAs: chatScope(channel, session.contactId),
    duplicateOf: found.duplicateOf,
  };
}
