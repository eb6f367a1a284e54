import type { ConversationState } from "@/lib/db/schema/conversations";
import { SafeError } from "@/lib/errors";

/**
 * Every state change a conversation can make. Each mutation in lib/conversations names its event
 * and updates only rows in a `from` state (a guarded UPDATE), so two racing changes cannot both
 * apply and no code path invents its own transition.
 *
 * - open: a campaign opens: the contact replied, or it was started "Immediately".
 * - close: a campaign may be closed too (a workflow giving up on it), so a later reply starts fresh.
 * - round_robin: round robin gives a waiting open conversation to an agent; it stays open (the
 *   guard is the state plus "no agent yet", lib/round-robin/assign-round-robin.ts).
 */
export const CONVERSATION_TRANSITIONS = {
  open: { from: ["campaign"], to: "open" },
  snooze: { from: ["open"], to: "snoozed" },
  wake: { from: ["snoozed"], to: "open" },
  close: { from: ["campaign", "open", "snoozed"], to: "closed" },
  reopen: { from: ["closed"], to: "open" },
  round_robin: { from: ["open"], to: "open" },
} as const satisfies Record<string, { from: readonly ConversationState[]; to: ConversationState }>;

export type ConversationEvent = keyof typeof CONVERSATION_TRANSITIONS;

export function canTransition(state: ConversationState, event: ConversationEvent): boolean {
  return (CONVERSATION_TRANSITIONS[event].from as readonly ConversationState[]).includes(state);
}

export function nextState(state: ConversationState, event: ConversationEvent): ConversationState {
  if (!canTransition(state, event)) throw invalidTransition(state, event);
  return CONVERSATION_TRANSITIONS[event].to;
}

/** Events Parley makes by itself; the inbox never offers them as a button. */
const AUTOMATIC_EVENTS: ReadonlySet<ConversationEvent> = new Set(["round_robin"]);

/** Events the inbox can offer for a conversation in this state. */
export function availableEvents(state: ConversationState): ConversationEvent[] {
  return (Object.keys(CONVERSATION_TRANSITIONS) as ConversationEvent[]).filter((event) => !AUTOMATIC_EVENTS.has(event) && canTransition(state, event));
}

const EVENT_WORDS: Record<ConversationEvent, string> = {
  open: "opened",
  snooze: "snoozed",
  wake: "woken up",
  close: "closed",
  reopen: "reopened",
  round_robin: "assigned by round robin",
};

export function invalidTransition(state: ConversationState, event: ConversationEvent): SafeError {
  return new SafeError("invalid_transition", `A ${state} conversation can't be ${EVENT_WORDS[event]}.`);
}
