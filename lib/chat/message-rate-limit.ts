import type { Placeholder } from "drizzle-orm";
import { slidingResult, windowCounting, type CountedWindow } from "@/lib/limits/sliding-window";
import { SafeError } from "@/lib/errors";

const MAX_PER_MINUTE = 30;
const WINDOW_SECONDS = 60;

/**
 * Counts one chat message against its contact's last minute (a sliding window): enough to stop a
 * runaway script on a public endpoint. Counted in Postgres, so the limit holds however many web
 * processes serve the chat, and across the contact's tabs; inside the message's own transaction
 * and statement (the contact's lock, lib/conversations/record-contact-message.ts), so a refused or
 * failed message does not count and the count costs no round trip of its own.
 */
export function chatSendCounting(contactId: Placeholder) {
  return windowCounting("chat_rate_limits", [contactId], WINDOW_SECONDS);
}

/** Refuses the message that took its contact over the limit (its transaction then undoes the count). */
export function refuseOverChatSendLimit(counted: CountedWindow): void {
  if (slidingResult(counted, WINDOW_SECONDS).count > MAX_PER_MINUTE) {
    throw new SafeError("rate_limited", "You're sending messages too quickly. Please wait a moment.");
  }
}
