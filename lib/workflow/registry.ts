import type { NodeDefinition } from "./node-definition";
import type { NodeType } from "./node-types";
import { addNoteDefinition } from "./nodes/add-note/definition";
import { assignDefinition } from "./nodes/assign/definition";
import { audienceMatchedDefinition } from "./nodes/audience-matched/definition";
import { branchConversationStartedDefinition } from "./nodes/branch-conversation-started/definition";
import { closeConversationDefinition } from "./nodes/close-conversation/definition";
import { manualDefinition } from "./nodes/manual/definition";
import { sessionStartedDefinition } from "./nodes/session-started/definition";
import { startConversationDefinition } from "./nodes/start-conversation/definition";
import { waitDefinition } from "./nodes/wait/definition";

/**
 * Every node type's client-safe definition (config schema, ports, labels). The canvas, the config
 * panel, graph validation and the engine all read this one map; the mapped type makes a missing
 * or mistyped entry a compile error.
 */
export const nodeDefinitions = {
  audience_matched: audienceMatchedDefinition,
  session_started: sessionStartedDefinition,
  manual: manualDefinition,
  start_conversation: startConversationDefinition,
  branch_conversation_started: branchConversationStartedDefinition,
  assign: assignDefinition,
  wait: waitDefinition,
  add_note: addNoteDefinition,
  close_conversation: closeConversationDefinition,
} satisfies { [T in NodeType]: NodeDefinition<T> };

export type NodeDefinitions = typeof nodeDefinitions;
export type NodeConfig<T extends NodeType> = ReturnType<NodeDefinitions[T]["defaultConfig"]>;

export function getNodeDefinition<T extends NodeType>(type: T): NodeDefinitions[T] {
  return nodeDefinitions[type];
}
