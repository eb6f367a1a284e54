"use server";

import { and, eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { getDb } from "@/lib/db/client";
import { assertFilterReferencesInWorkspace } from "@/lib/db/queries/filter-references";
import { getVisibleView, type SavedView } from "@/lib/db/queries/conversation-views";
import { conversationViews } from "@/lib/db/schema/conversations";
import { ROLE_RANK } from "@/lib/auth/membership";
import { forbidden, notFound } from "@/lib/errors";
import { legacyWorkspaceAction as workspaceAction, type ActionContext } from "./legacy-action";
import { createViewSchema, deleteViewSchema, renameViewSchema, updateViewSchema } from "./conversation-views.validation";

/**
 * A personal view is changed only by its owner. A shared view by its owner or a workspace
 * admin/owner (so a departed teammate's shared view can still be tidied up). A view the member
 * cannot see at all is "not found".
 */
async function editableView(viewId: string, context: ActionContext): Promise<SavedView> {
  const view = await getVisibleView({ workspaceId: context.workspace.id, userId: context.user.id }, viewId);
  if (!view) throw notFound("That view");
  const isOwner = view.ownerUserId === context.user.id;
  if (!isOwner && !(view.shared && ROLE_RANK[context.role] >= ROLE_RANK.admin)) {
    throw forbidden("Only the person who created this view or a workspace admin can change it.");
  }
  return view;
}

function refreshInbox(workspaceId: string) {
  revalidatePath(`/${workspaceId}/inbox`, "layout");
}

export const createConversationView = workspaceAction({ schema: createViewSchema }, async (input, context) => {
  await assertFilterReferencesInWorkspace(context.workspace.id, input.filters);
  const [row] = await getDb()
    .insert(conversationViews)
    .values({ workspaceId: context.workspace.id, ownerUserId: context.user.id, name: input.name, shared: input.shared, filters: input.filters })
    .returning({ id: conversationViews.id });
  refreshInbox(context.workspace.id);
  return { id: row!.id };
});

export const renameConversationView = workspaceAction({ schema: renameViewSchema }, async (input, context) => {
  await editableView(input.viewId, context);
  await getDb()
    .update(conversationViews)
    .set({ name: input.name, updatedAt: new Date() })
    .where(and(eq(conversationViews.workspaceId, context.workspace.id), eq(conversationViews.id, input.viewId)));
  refreshInbox(context.workspace.id);
  return { id: input.viewId };
});

export const updateConversationView = workspaceAction({ schema: updateViewSchema }, async (input, context) => {
  await editableView(input.viewId, context);
  if (input.filters) await assertFilterReferencesInWorkspace(context.workspace.id, input.filters);
  await getDb()
    .update(conversationViews)
    .set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.shared !== undefined ? { shared: input.shared } : {}),
      ...(input.filters !== undefined ? { filters: input.filters } : {}),
      updatedAt: new Date(),
    })
    .where(and(eq(conversationViews.workspaceId, context.workspace.id), eq(conversationViews.id, input.viewId)));
  refreshInbox(context.workspace.id);
  return { id: input.viewId };
});

export const deleteConversationView = workspaceAction({ schema: deleteViewSchema }, async (input, context) => {
  await editableView(input.viewId, context);
  await getDb()
    .delete(conversationViews)
    .where(and(eq(conversationViews.workspaceId, context.workspace.id), eq(conversationViews.id, input.viewId)));
  refreshInbox(context.workspace.id);
  return { id: input.viewId };
});
