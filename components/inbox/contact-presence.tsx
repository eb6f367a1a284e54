"use client";

import { CheckCheck } from "lucide-react";
import { useEffect, useState } from "react";
import { useLiveStream } from "@/components/live/live-stream";
import { CONTACT_SEEN, CONTACT_TYPING, PRESENCE_WINDOW_EVENT, type PresenceDetail } from "./inbox-events";

const TYPING_SHOWN_MS = 6_000;

type Props = { conversationId: string; contactName: string; lastAgentMessageId: string | null };

/**
 * Under the thread: "<contact> is typing…" while their chat says so, and "Seen" once their chat
 * page has shown the latest reply. Both come from ephemeral live events, nothing is stored: after
 * a reload the mark returns the next time the contact's page shows a message.
 */
export function ContactPresence({ conversationId, contactName, lastAgentMessageId }: Props) {
  // Starts from what the stream already brought: the contact may have started typing while this
  // thread was still loading, and that first event is not sent again.
  const { presenceOf } = useLiveStream();
  const [typingUntil, setTypingUntil] = useState(() => {
    const at = presenceOf(conversationId).contactTypingAt;
    return at === 0 ? 0 : at + TYPING_SHOWN_MS;
  });
  const [seenMessageId, setSeenMessageId] = useState<string | null>(() => presenceOf(conversationId).seenMessageId);
  const [, setTick] = useState(0);

  useEffect(() => {
    const onPresence = (event: Event) => {
      const detail = (event as CustomEvent<PresenceDetail>).detail;
      if (detail.conversationId !== conversationId) return;
      if (detail.type === CONTACT_TYPING) setTypingUntil(Date.now() + TYPING_SHOWN_MS);
      if (detail.type === CONTACT_SEEN && detail.messageId) setSeenMessageId(detail.messageId);
    };
    window.addEventListener(PRESENCE_WINDOW_EVENT, onPresence);
    return () => window.removeEventListener(PRESENCE_WINDOW_EVENT, onPresence);
  }, [conversationId]);

  // Hides "is typing…" when no event renewed it.
  useEffect(() => {
    if (typingUntil === 0) return;
    const timer = setTimeout(() => setTick((n) => n + 1), Math.max(0, typingUntil - Date.now()) + 50);
    return () => clearTimeout(timer);
  }, [typingUntil]);

  const typing = typingUntil > Date.now();
  // The contact's page sends the last message it showed; the reply counts as seen once that is it.
  const seen = lastAgentMessageId !== null && seenMessageId === lastAgentMessageId;
  return (
    <div className="flex min-h-5 items-center justify-between gap-2 px-5 text-xs text-muted-foreground" aria-live="polite">
      <span data-contact-typing={typing ? "true" : "false"}>{typing ? `${contactName} is typing…` : ""}</span>
      {seen ? (
        <span className="inline-flex items-center gap-1" data-seen="true">
          <CheckCheck className="size-3.5" aria-hidden />
          Seen
        </span>
      ) : null}
    </div>
  );
}
