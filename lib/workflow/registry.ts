import type { NodeDefinition } from "./node-definition";
import type { NodeType } from "./node-types";
import { addNoteDefinition } from "./nodes/add_note/definition";
import { assignDefinition } from "./nodes/assign/definition";
import { audienceMatchedDefinition } from "./nodes/audience_matched/definition";
import { branchConversationStartedDefinition } from "./nodes/branch_conversation_started/definition";
import { closeConversationDefinition } from "./nodes/close_conversation/definition";
import { manualDefinition } from "./nodes/manual/definition";
import { sessionStartedDefinition } from "./nodes/session_started/definition";
import { startConversationDefinition } from "./nodes/start_conversation/definition";
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
