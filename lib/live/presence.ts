import type { DbOrTx } from "@/lib/db/client";
import { notifyEphemeralLiveEvents } from "./notify-live";

/**
 * Typing and seen: ephemeral NOTIFYs over the live streams, never rows. Nobody needs them after
 * the moment: a page that opens later has nothing to catch up on (a "Seen" mark comes back the
 * next time the contact's page shows a message).
 */
export const PRESENCE_EVENTS = {
  /** An agent is writing a reply: the contact's chat shows "<name> is typing…". */
  agentTyping: "typing.agent",
  /** The contact is writing: the agent's thread shows it. */
  contactTyping: "typing.contact",
  /** The contact's chat page has shown messages up to messageId. */
  contactSeen: "seen.contact",
} as const;

/** At most one presence event per sender and conversation in this window (the pages send about as often). */
export const PRESENCE_THROTTLE_MS = 2_000;
/** How long a page shows "is typing…" after the last typing event. */
export const TYPING_SHOWN_MS = 6_000;

const lastSent = new Map<string, number>();

/**
 * Whether an event from this sender about this conversation may go now: a page sending faster
 * (or a script) is ignored, so a busy composer costs one NOTIFY per window per process.
 */
export function presenceAllowed(key: string, now: number = Date.now()): boolean {
  const last = lastSent.get(key);
  if (last !== undefined && now - last < PRESENCE_THROTTLE_MS) return false;
  lastSent.set(key, now);
  if (lastSent.size > 10_000) {
    for (const [k, at] of lastSent) if (now - at >= PRESENCE_THROTTLE_MS) lastSent.delete(k);
  }
  return true;
}

export type PresenceEvent = {
  workspaceId: string;
  conversationId: string;
  contactId: string;
  type: (typeof PRESENCE_EVENTS)[keyof typeof PRESENCE_EVENTS];
  name?: string | null;
  userId?: string | null;
  messageId?: string | null;
};

/** Sends it at once (outside any transaction: there is nothing to commit). */
export async function notifyPresence(db: DbOrTx, event: PresenceEvent): Promise<void> {
  await notifyEphemeralLiveEvents(db, [event]);
}
