import type { Executor } from "./engine/executor-types";
import type { NodeType } from "./node-types";
import { addNoteExecutor } from "./nodes/add-note/executor";
import { assignExecutor } from "./nodes/assign/executor";
import { audienceMatchedExecutor } from "./nodes/audience-matched/executor";
import { branchConversationStartedExecutor } from "./nodes/branch-conversation-started/executor";
import { closeConversationExecutor } from "./nodes/close-conversation/executor";
import { manualExecutor } from "./nodes/manual/executor";
import { sessionStartedExecutor } from "./nodes/session-started/executor";
import { startConversationExecutor } from "./nodes/start-conversation/executor";
import { waitExecutor } from "./nodes/wait/executor";

/**
 * Server-only: what each node type does. Kept apart from the client-safe definitions (registry.ts)
 * so the browser bundle never pulls in the database; the mapped type makes a missing type a
 * compile error. (Not marked with the "server-only" package: the worker runs outside Next.js.)
 */
export const nodeExecutors: { [T in NodeType]: Executor<T> } = {
  audience_matched: audienceMatchedExecutor,
  session_started: sessionStartedExecutor,
  manual: manualExecutor,
  start_conversation: startConversationExecutor,
  branch_conversation_started: branchConversationStartedExecutor,
  assign: assignExecutor,
  wait: waitExecutor,
  add_note: addNoteExecutor,
  close_conversation: closeConversationExecutor,
};
