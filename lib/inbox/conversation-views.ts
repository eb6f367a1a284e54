import { and, eq, sql } from "drizzle-orm";
import { ROLE_RANK } from "@/lib/auth/membership";
import { getVisibleView, type SavedView } from "@/lib/db/queries/conversation-views";
import { assertFilterReferencesInWorkspace } from "@/lib/db/queries/filter-references";
import { conversationViews } from "@/lib/db/schema/conversations";
import { forbidden, notFound } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/service-context";
import type { CreateViewInput, DeleteViewInput, RenameViewInput, UpdateViewInput } from "./conversation-views.validation";

// Conversation Views: saved inbox filters, personal to a member or shared with the workspace.
// Only a member saves or changes one, so each service starts from the acting user.

function member(ctx: ServiceContext) {
  if (ctx.actor.type !== "user") throw forbidden("Only a member of the workspace can change its views.");
  return ctx.actor;
}

/**
 * A personal view is changed only by its owner. A shared view by its owner or a workspace
 * admin/owner (so a departed teammate's shared view can still be tidied up). A view the member
 * cannot see at all is "not found".
 */
async function editableView(ctx: ServiceContext, viewId: string): Promise<SavedView> {
  const actor = member(ctx);
  const view = await getVisibleView({ workspaceId: ctx.workspace.id, userId: actor.userId }, viewId, ctx.tx);
  if (!view) throw notFound("That view");
  const isOwner = view.ownerUserId === actor.userId;
  if (!isOwner && !(view.shared && ROLE_RANK[actor.role] >= ROLE_RANK.admin)) {
    throw forbidden("Only the person who created this view or a workspace admin can change it.");
  }
  return view;
}

const inWorkspace = (ctx: ServiceContext, viewId: string) =>
  and(eq(conversationViews.workspaceId, ctx.workspace.id), eq(conversationViews.id, viewId));

export async function createConversationView(ctx: ServiceContext, input: CreateViewInput): Promise<{ id: string }> {
  const actor = member(ctx);
  await assertFilterReferencesInWorkspace(ctx.workspace.id, input.filters, ctx.tx);
  const [row] = await ctx.tx
    .insert(conversationViews)
    .values({ workspaceId: ctx.workspace.id, ownerUserId: actor.userId, name: input.name, shared: input.shared, filters: input.filters })
    .returning({ id: conversationViews.id });
  return { id: row!.id };
}

export async function renameConversationView(ctx: ServiceContext, input: RenameViewInput): Promise<{ id: string }> {
  await editableView(ctx, input.viewId);
  await ctx.tx.update(conversationViews).set({ name: input.name, updatedAt: sql`now()` }).where(inWorkspace(ctx, input.viewId));
  return { id: input.viewId };
}

export async function updateConversationView(ctx: ServiceContext, input: UpdateViewInput): Promise<{ id: string }> {
  await editableView(ctx, input.viewId);
  if (input.filters) await assertFilterReferencesInWorkspace(ctx.workspace.id, input.filters, ctx.tx);
  await ctx.tx
    .update(conversationViews)
    .set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.shared !== undefined ? { shared: input.shared } : {}),
      ...(input.filters !== undefined ? { filters: input.filters } : {}),
      updatedAt: sql`now()`,
    })
    .where(inWorkspace(ctx, input.viewId));
  return { id: input.viewId };
}

export async function deleteConversationView(ctx: ServiceContext, input: DeleteViewInput): Promise<{ id: string }> {
  await editableView(ctx, input.viewId);
  await ctx.tx.delete(conversationViews).where(inWorkspace(ctx, input.viewId));
  return { id: input.viewId };
}
