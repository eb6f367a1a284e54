import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { jsonbParam } from "@/lib/db/sql-params";
import { notifyLiveEventRows } from "@/lib/live/notify-live";
import { actorUserId, type ServiceContext } from "@/lib/services/service-context";

export type ConversationEventType =
  | "conversation.created"
  | "conversation.opened"
  | "conversation.assigned"
  | "conversation.priority_changed"
  | "conversation.snoozed"
  | "conversation.woken"
  | "conversation.closed"
  | "conversation.reopened"
  | "message.created";

export type ConversationNotification = { conversationId: string; type: ConversationEventType };

/**
 * NOTIFYs inside the service's transaction: Postgres delivers them only if it commits, so a
 * listener never hears of a change that was rolled back (and stored for replay, lib/live/notify-live.ts). Many events go in one statement; each
 * names the context's workspace (the only one a service touches), the conversation's contact and
 * its assignee, so a contact's chat stream skips the others' events, and an inbox stream a
 * message in a colleague's conversation, without a query.
 */
export async function notifyConversationEvents(ctx: ServiceContext, events: readonly ConversationNotification[]): Promise<void> {
  if (events.length === 0) return;
  // actorUserId: who did it, so the agent who acted is not notified of their own action.
  const actor = actorUserId(ctx.actor);
  const payloads = events.map((event) => ({ workspaceId: ctx.workspace.id, conversationId: event.conversationId, type: event.type, ...(actor ? { actorUserId: actor } : {}) }));
  // The contact (always, null when unknown) and the assignee (only when there is one), as the
  // transaction leaves them.
  await notifyLiveEventRows(
    ctx.tx,
    sql`SELECT coalesce((
      SELECT ${conversationEventPayload(sql`e`, { contactId: sql`c.contact_id`, assigneeUserId: sql`c.assignee_user_id` })}
      FROM conversations c WHERE c.id = (e->>'conversationId')::uuid AND c.workspace_id = ${ctx.workspace.id}), e || '{"contactId": null}'::jsonb) AS e
    FROM jsonb_array_elements(${jsonbParam(payloads)}) AS e`,
  );
}

/**
 * A conversation event's payload (jsonb): `event` (workspaceId, conversationId, type, and the
 * acting user if any) with what the conversation row says as the transaction leaves it: its
 * contact, and its assignee when there is one. Also built inside a contact message's own write
 * (lib/conversations/record-contact-message.ts).
 */
export function conversationEventPayload(event: SQL, conversation: { contactId: SQLWrapper; assigneeUserId: SQLWrapper }): SQL {
  return sql`${event} || jsonb_build_object('contactId', ${conversation.contactId}) || jsonb_strip_nulls(jsonb_build_object('assigneeUserId', ${conversation.assigneeUserId}))`;
}

export function notifyConversations(ctx: ServiceContext, type: ConversationEventType, conversationIds: readonly string[]): Promise<void> {
  return notifyConversationEvents(
    ctx,
    conversationIds.map((conversationId) => ({ conversationId, type })),
  );
}
