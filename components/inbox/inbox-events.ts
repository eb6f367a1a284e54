/**
 * Window events the keyboard shortcuts send to the thread's controls. The controls may not be
 * mounted (no conversation open), in which case the event simply goes unheard.
 */
export const COMPOSE_EVENT = "parley:compose";
export const ASSIGN_EVENT = "parley:assign";
export const CLOSE_EVENT = "parley:close";
export const SEARCH_EVENT = "parley:search";
/** A live event that concerns the signed-in agent (lib/notifications/live-notification.ts), for the notifier. */
export const NOTIFICATION_EVENT = "parley:notification";
export type ComposeMode = "reply" | "note";

export function sendInboxEvent(name: string, detail?: unknown) {
  window.dispatchEvent(new CustomEvent(name, { detail }));
}

/** Typing and seen from the live stream (live-refresh.tsx), for the open thread's ContactPresence. */
export const PRESENCE_WINDOW_EVENT = "parley:presence";
export type PresenceDetail = { type: string; conversationId: string | null; userId: string | null; name: string | null; messageId: string | null };
// Mirrors lib/live/presence.ts (a client component cannot import server code's constants' module graph).
export const CONTACT_TYPING = "typing.contact";
export const CONTACT_SEEN = "seen.contact";
