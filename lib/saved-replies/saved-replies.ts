import { and, eq, sql } from "drizzle-orm";
import { ROLE_RANK } from "@/lib/auth/membership";
import { attributeTypesOf } from "@/lib/contacts/attribute-definitions";
import { getSavedReply, type SavedReply } from "@/lib/db/queries/saved-replies";
import { contacts } from "@/lib/db/schema/contacts";
import { conversations } from "@/lib/db/schema/conversations";
import { savedReplies } from "@/lib/db/schema/saved-replies";
import { users } from "@/lib/db/schema/workspaces";
import { forbidden, notFound } from "@/lib/errors";
import { fillVariables, type FilledDocument } from "@/lib/rich-text/render";
import { audit } from "@/lib/services/audit";
import type { ServiceContext } from "@/lib/services/service-context";
import type { CreateSavedReplyInput, DeleteSavedReplyInput, FillSavedReplyInput, UpdateSavedReplyInput } from "./saved-replies.validation";

// Saved replies: personal ones belong to one member, who alone sees and changes them; shared ones
// belong to the workspace: every member uses them, owners and admins manage them.

function member(ctx: ServiceContext) {
  if (ctx.actor.type !== "user") throw forbidden("Only a member of the workspace has saved replies.");
  return ctx.actor;
}

function assertMaySetShared(ctx: ServiceContext) {
  if (ROLE_RANK[member(ctx).role] < ROLE_RANK.admin) throw forbidden("Only owners and admins manage shared saved replies.");
}

/** A reply the member may change: their own personal one, or a shared one if they are an owner or admin. One they cannot see is "not found". */
async function manageableReply(ctx: ServiceContext, savedReplyId: string): Promise<SavedReply> {
  const actor = member(ctx);
  const reply = await getSavedReply({ workspaceId: ctx.workspace.id, userId: actor.userId }, savedReplyId, ctx.tx);
  if (!reply) throw notFound("That saved reply");
  if (reply.shared) assertMaySetShared(ctx);
  return reply;
}

const inWorkspace = (ctx: ServiceContext, id: string) => and(eq(savedReplies.workspaceId, ctx.workspace.id), eq(savedReplies.id, id));

export async function createSavedReply(ctx: ServiceContext, input: CreateSavedReplyInput): Promise<{ id: string }> {
  const actor = member(ctx);
  if (input.shared) assertMaySetShared(ctx);
  const [row] = await ctx.tx
    .insert(savedReplies)
    .values({ workspaceId: ctx.workspace.id, ownerUserId: actor.userId, shared: input.shared, title: input.title, body: input.body })
    .returning({ id: savedReplies.id });
  if (input.shared) await audit(ctx, { action: "saved_reply.created", target: { type: "saved_reply", id: row!.id }, data: { title: input.title } });
  return { id: row!.id };
}

export async function updateSavedReply(ctx: ServiceContext, input: UpdateSavedReplyInput): Promise<{ id: string }> {
  const actor = member(ctx);
  const reply = await manageableReply(ctx, input.savedReplyId);
  if (input.shared) assertMaySetShared(ctx);
  await ctx.tx
    .update(savedReplies)
    // A shared reply made personal becomes the personal reply of whoever made it so.
    .set({ title: input.title, body: input.body, shared: input.shared, ...(input.shared ? {} : { ownerUserId: reply.shared ? actor.userId : reply.ownerUserId }), updatedAt: sql`now()` })
    .where(inWorkspace(ctx, reply.id));
  if (reply.shared || input.shared) {
    await audit(ctx, { action: "saved_reply.updated", target: { type: "saved_reply", id: reply.id }, data: { title: input.title, shared: input.shared } });
  }
  return { id: reply.id };
}

export async function deleteSavedReply(ctx: ServiceContext, input: DeleteSavedReplyInput): Promise<{ id: string }> {
  const reply = await manageableReply(ctx, input.savedReplyId);
  await ctx.tx.delete(savedReplies).where(inWorkspace(ctx, reply.id));
  if (reply.shared) await audit(ctx, { action: "saved_reply.deleted", target: { type: "saved_reply", id: reply.id }, data: { title: reply.title } });
  return { id: reply.id };
}

/**
 * A saved reply filled in for one conversation's contact by the one renderer (fillVariables):
 * what the composer inserts. Variables with no value and no fallback stay as gaps for the agent
 * to fill; sending with one left is refused (missing_variables).
 */
export async function fillSavedReply(ctx: ServiceContext, input: FillSavedReplyInput): Promise<FilledDocument & { title: string }> {
  const actor = member(ctx);
  const reply = await getSavedReply({ workspaceId: ctx.workspace.id, userId: actor.userId }, input.savedReplyId, ctx.tx);
  if (!reply) throw notFound("That saved reply");
  const [row] = await ctx.tx
    .select({
      contact: { firstName: contacts.firstName, lastName: contacts.lastName, email: contacts.email, phone: contacts.phone, company: contacts.company, attributes: contacts.attributes },
    })
    .from(conversations)
    .innerJoin(contacts, and(eq(contacts.id, conversations.contactId), eq(contacts.workspaceId, conversations.workspaceId)))
    .where(and(eq(conversations.id, input.conversationId), eq(conversations.workspaceId, ctx.workspace.id)));
  if (!row) throw notFound("That conversation");
  const [sender] = await ctx.tx.select({ name: users.name }).from(users).where(eq(users.id, actor.userId));
  const attributeTypes = await attributeTypesOf(ctx.tx, ctx.workspace.id);
  return { title: reply.title, ...fillVariables(reply.body, { contact: row.contact, sender: { name: sender?.name ?? null }, attributeTypes }) };
}
