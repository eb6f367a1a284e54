import { contactTextToContent } from "@/lib/conversations/message-content";
import type { StartConversationInput } from "@/lib/conversations/start-conversation";

/**
 * One outbound message to a contact as the API starts it (quietly, opening on reply, unassigned):
 * what the channel tests queue before draining an outbox. Only what a test varies is passed.
 */
export function outboundMessage(
  channelId: string,
  contactId: string,
  options: { text?: string; sender?: StartConversationInput["sender"]; thirdParty?: boolean } = {},
): StartConversationInput {
  return {
    contactId,
    channelId,
    origin: "api",
    direction: "to_contact",
    startWith: "message",
    content: contactTextToContent(options.text ?? "Hello"),
    openMode: "after_reply",
    sender: options.sender ?? { userId: null, name: "Acme" },
    assignOnOpen: { type: "unassigned" },
    thirdParty: options.thirdParty ?? false,
  };
}
