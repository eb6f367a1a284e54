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
import { bulkUpdateConversations } from "@/lib/conversations/bulk-actions";
import { bulkUpdateSchema } from "@/lib/conversations/bulk-actions.validation";
import { assignSchema, conversationIdSchema, postMessageSchema, prioritySchema, snoozeSchema } from "@/lib/conversations/conversations.validation";
import { workspaceAction } from "./safe-action";

// Every change goes through lib/conversations (the state machine), which scopes each statement to
// the workspace and answers "not found" for a conversation of any other workspace. Any member
// (agents included) works the inbox.
const refreshInbox = (workspaceId: string) => revalidatePath(`/${workspaceId}/inbox`, "layout");

export const postConversationMessageAction = workspaceAction({ schema: postMessageSchema, revalidate: refreshInbox }, postAgentMessage);

export const assignConversationAction = workspaceAction({ schema: assignSchema, revalidate: refreshInbox }, assignConversation);

export const setConversationPriorityAction = workspaceAction({ schema: prioritySchema, revalidate: refreshInbox }, setConversationPriority);

export const closeConversationAction = workspaceAction({ schema: conversationIdSchema, revalidate: refreshInbox }, closeConversation);

export const reopenConversationAction = workspaceAction({ schema: conversationIdSchema, revalidate: refreshInbox }, reopenConversation);

export const snoozeConversationAction = workspaceAction({ schema: snoozeSchema, revalidate: refreshInbox }, snoozeConversation);

export const bulkUpdateConversationsAction = workspaceAction({ schema: bulkUpdateSchema, revalidate: refreshInbox }, bulkUpdateConversations);
