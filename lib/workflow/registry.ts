import { addNoteDefinition } from "./nodes/add-note/definition";
import { assignDefinition } from "./nodes/assign/definition";
import { audienceMatchedDefinition } from "./nodes/audience-matched/definition";
import { branchConversationStartedDefinition } from "./nodes/branch-conversation-started/definition";
import { closeConversationDefinition } from "./nodes/close-conversation/definition";
import { manualDefinition } from "./nodes/manual/definition";
import { sessionStartedDefinition } from "./nodes/session-started/definition";
import { splitDefinition } from "./nodes/split/definition";
import { startConversationDefinition } from "./nodes/start-conversation/definition";
import { waitDefinition } from "./nodes/wait/definition";

/**
 * Every node type: one line each, type id → its definition (lib/workflow/nodes/<node>/). The
 * type lists, the graph schema, validation, the panel, the palette and the engine all read this
 * map; nothing else lists node types. The palette shows them in this order. A key that is not its
 * definition's type is a compile error.
 *
 * The ids are stored in graphs and run steps: renaming one is a data migration, not a refactor.
 */
export const nodeDefinitions = keyedByType({
  audience_matched: audienceMatchedDefinition,
  session_started: sessionStartedDefinition,
  manual: manualDefinition,
  start_conversation: startConversationDefinition,
  branch_conversation_started: branchConversationStartedDefinition,
  assign: assignDefinition,
  wait: waitDefinition,
  split: splitDefinition,
  add_note: addNoteDefinition,
  close_conversation: closeConversationDefinition,
});

function keyedByType<const M extends { [K in keyof M]: { type: K } }>(map: M): M {
  return map;
}
