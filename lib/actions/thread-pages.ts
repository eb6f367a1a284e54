"use server";

import { markConversationRead } from "@/lib/inbox/read-marker";
import { olderThreadMessages } from "@/lib/inbox/thread-pages";
import { markConversationReadSchema, olderThreadMessagesSchema } from "@/lib/inbox/thread-pages.validation";
import { workspaceAction } from "./safe-action";

// A read: any member of the workspace, nothing to revalidate.
export const loadOlderThreadMessagesAction = workspaceAction({ schema: olderThreadMessagesSchema }, olderThreadMessages);

// The agent's own read marker: any member, nothing to revalidate (it only decides where the thread opens next time).
export const markConversationReadAction = workspaceAction({ schema: markConversationReadSchema }, markConversationRead);
