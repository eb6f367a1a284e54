import { route } from "@/lib/api/route-handler";
import { requireChatContext } from "@/lib/chat/chat-request";
import { findChatChannel } from "@/lib/chat/chat-session";
import { chatCanSeeConversation } from "@/lib/db/queries/chat-messages";
import { PRESENCE_EVENTS } from "@/lib/live/presence";
import { liveEventStream } from "@/lib/live/sse";

export const dynamic = "force-dynamic";

const RESYNC = { event: "resync", data: {} };

// Notes never reach the contact, so neither does the news that one was written.
const CONTACT_VISIBLE = new Set(["message.created", "conversation.created", "conversation.opened", "conversation.closed", "conversation.reopened"]);

/**
 * Live updates for one chat session (EventSource cannot send headers, so the token is in the
 * query). Only events about the session's own conversations get through: the workspace and the
 * contact named in the event must match, and the conversation must pass the same scope the
 * messages endpoint uses. An open chat window hears only the events that name its contact
 * (lib/live/listener.ts); what else the event says is checked here, without a query or a promise.
 */
export const GET = route(async (request: Request, { params }: { params: Promise<{ channelId: string }> }) => {
  const { channelId } = await params;
  const token = new URL(request.url).searchParams.get("session");
  const { scope } = await requireChatContext(channelId, token);
  const allowed = new Map<string, boolean>();
  return liveEventStream(
    request,
    (signal) => {
      if (signal.kind === "resync") return RESYNC;
      const { event } = signal;
      const typing = event.type === PRESENCE_EVENTS.agentTyping;
      if (event.workspaceId !== scope.workspaceId || event.contactId !== scope.contactId || !event.conversationId || !(CONTACT_VISIBLE.has(event.type) || typing)) return null;
      const conversationId = event.conversationId;
      // An agent typing: shown for a moment, nothing to reload.
      const message = () => (typing ? { event: "typing", data: { conversationId, name: event.name ?? "Support" } } : { event: "change", data: { type: event.type } });
      if (allowed.get(conversationId)) return message();
      return chatCanSeeConversation(scope, conversationId).then((visible) => {
        // Only "yes" is remembered: a campaign that is hidden now (From Contact) may become visible.
        if (!visible) return null;
        allowed.set(conversationId, true);
        return message();
      });
    },
    // A reconnect replays only this contact's own events (then the same checks as above).
    { workspaceId: scope.workspaceId, contactId: scope.contactId },
    // The channel deleted, or its workspace being deleted: the open chat stops hearing anything.
    { stillAllowed: async () => (await findChatChannel(channelId)) !== null },
  );
});
