"use server";

import { revalidatePath } from "next/cache";
import { createConversationView, deleteConversationView, renameConversationView, updateConversationView } from "@/lib/inbox/conversation-views";
import { createViewSchema, deleteViewSchema, renameViewSchema, updateViewSchema } from "@/lib/inbox/conversation-views.validation";
import { workspaceAction } from "./safe-action";

// Any member saves views; who may change a saved one (its owner, or an admin for a shared one)
// is the service's rule, since it depends on the view.
const refreshInbox = (workspaceId: string) => revalidatePath(`/${workspaceId}/inbox`, "layout");

export const createConversationViewAction = workspaceAction({ schema: createViewSchema, revalidate: refreshInbox }, createConversationView);

export const renameConversationViewAction = workspaceAction({ schema: renameViewSchema, revalidate: refreshInbox }, renameConversationView);

export const updateConversationViewAction = workspaceAction({ schema: updateViewSchema, revalidate: refreshInbox }, updateConversationView);

export const deleteConversationViewAction = workspaceAction({ schema: deleteViewSchema, revalidate: refreshInbox }, deleteConversationView);
