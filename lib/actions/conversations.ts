"use server";

import { revalidatePath } from "next/cache";
import {
  assignConversation,
  closeConversation,
  postAgentMessage,
  reopenConversation,
  setConversationPriority,
  snoozeConversation,
} from "@/lib/conversations/agent-actions";
import { legacyWorkspaceAction as workspaceAction } from "./legacy-action";
import { assignSchema, conversationIdSchema, postMessageSchema, prioritySchema, snoozeSchema } from "./conversations.validation";

// Every change goes through lib/conversations (the state machine), which scopes each UPDATE by
// workspace and answers "not found" for a conversation of any other workspace.

function refreshInbox(workspaceId: string) {
  revalidatePath(`/${workspaceId}/inbox`, "layout");
}

export const postConversationMessage = workspaceAction({ schema: postMessageSchema }, async (input, { workspace, user }) => {
  const result = await postAgentMessage({
    workspaceId: workspace.id,
    conversationId: input.conversationId,
    userId: user.id,
    kind: input.kind,
    body: input.body,
    dedupeKey: input.dedupeKey,
  });
  refreshInbox(workspace.id);
  return result;
});

export const assignConversationAction = workspaceAction({ schema: assignSchema }, async (input, { workspace }) => {
  await assignConversation({ workspaceId: workspace.id, conversationId: input.conversationId, assignee: input.assignee });
  refreshInbox(workspace.id);
  return { conversationId: input.conversationId };
});

export const setConversationPriorityAction = workspaceAction({ schema: prioritySchema }, async (input, { workspace }) => {
  await setConversationPriority({ workspaceId: workspace.id, conversationId: input.conversationId, priority: input.priority });
  refreshInbox(workspace.id);
  return { conversationId: input.conversationId };
});

export const closeConversationAction = workspaceAction({ schema: conversationIdSchema }, async (input, { workspace }) => {
  await closeConversation({ workspaceId: workspace.id, conversationId: input.conversationId });
  refreshInbox(workspace.id);
  return { conversationId: input.conversationId };
});

export const reopenConversationAction = workspaceAction({ schema: conversationIdSchema }, async (input, { workspace }) => {
  await reopenConversation({ workspaceId: workspace.id, conversationId: input.conversationId });
  refreshInbox(workspace.id);
  return { conversationId: input.conversationId };
});

export const snoozeConversationAction = workspaceAction({ schema: snoozeSchema }, async (input, { workspace }) => {
  await snoozeConversation({ workspaceId: workspace.id, conversationId: input.conversationId, until: new Date(input.until) });
  refreshInbox(workspace.id);
  return { conversationId: input.conversationId };
});
