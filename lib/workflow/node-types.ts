// The ids are stored in graphs and run steps: renaming one is a data migration, not a refactor.
export const TRIGGER_TYPES = ["audience_matched", "session_started", "manual"] as const;
export const ACTION_TYPES = [
  "start_conversation",
  "branch_conversation_started",
  "assign",
  "wait",
  "add_note",
  "close_conversation",
] as const;
export const NODE_TYPES = [...TRIGGER_TYPES, ...ACTION_TYPES] as const;

export type TriggerType = (typeof TRIGGER_TYPES)[number];
export type ActionType = (typeof ACTION_TYPES)[number];
export type NodeType = (typeof NODE_TYPES)[number];

const NODE_TYPE_SET: ReadonlySet<string> = new Set(NODE_TYPES);
const TRIGGER_TYPE_SET: ReadonlySet<string> = new Set(TRIGGER_TYPES);

export function isNodeType(value: unknown): value is NodeType {
  return typeof value === "string" && NODE_TYPE_SET.has(value);
}

export function isTriggerType(value: string): value is TriggerType {
  return TRIGGER_TYPE_SET.has(value);
}
