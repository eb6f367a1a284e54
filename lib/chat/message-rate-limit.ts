import "server-only";
import type { DbOrTx } from "@/lib/db/client";
import { countInSlidingWindow } from "@/lib/limits/sliding-window";
import { SafeError } from "@/lib/errors";

const MAX_PER_MINUTE = 30;

/**
 * Counts one chat message against its contact's last minute (a sliding window): enough to stop a runaway
 * script on a public endpoint. Counted in Postgres, so the limit holds however many web
 * processes serve the chat, and across the contact's tabs.
 */
export async function consumeChatSend(db: DbOrTx, contactId: string): Promise<void> {
  const { count } = await countInSlidingWindow(db, "chat_rate_limits", [contactId], 60);
  if (count > MAX_PER_MINUTE) {
    throw new SafeError("rate_limited", "You're sending messages too quickly. Please wait a moment.");
  }
}
