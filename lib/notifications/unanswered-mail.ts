import { and, eq, isNotNull, sql, type SQL } from "drizzle-orm";
import { contactDisplayName } from "@/lib/contacts/display-name";
import { contacts } from "@/lib/db/schema/contacts";
import { conversations } from "@/lib/db/schema/conversations";
import { notificationPreferences, unansweredMails } from "@/lib/db/schema/notifications";
import { users } from "@/lib/db/schema/workspaces";
import { uuidArray } from "@/lib/db/sql-params";
import { inboxPath } from "@/lib/inbox/views";
import { enqueue } from "@/lib/jobs/enqueue";
import { actionMail } from "@/lib/mail/action-mail";
import { queueMail } from "@/lib/mail/queue-mail";
import type { ServiceContext } from "@/lib/services/service-context";
import { appLink } from "@/lib/urls/app-link";
import { ACTIVE_WINDOW_SECONDS } from "@/lib/live/agent-activity";
import { EMAIL_AFTER_MINUTES_DEFAULT } from "./preferences.validation";
import { UNANSWERED_MAIL_KEY_PREFIX, unansweredMailJob, unansweredMailJobKey } from "./unanswered-mail-job";

/** How much of the contact's words a mail carries: enough to triage, not the conversation. */
export const MAIL_PREVIEW_CHARS = 80;

const minutesOf = sql<number>`coalesce(${notificationPreferences.emailAfterMinutes}, ${EMAIL_AFTER_MINUTES_DEFAULT})`;

/**
 * After a contact's message, or when a conversation is given to someone (by hand, in bulk, by a
 * workflow or by round robin): if the conversation is open, assigned to a person who wants these
 * mails, and waiting for an answer, queues the mail job at waiting_since + their N minutes (at
 * once when that is past: a conversation handed over after waiting that long is news to its new
 * assignee). The due time depends only on when the wait began and who has it, so one job per
 * conversation (its key) serves a whole wait: a message finding it already queued for that time
 * and assignee leaves it alone (a contact's message asks in its own UPDATE first,
 * unansweredMailJobNeeded); a changed due time (the agent's N minutes), a job that ran or failed,
 * or a reassignment queues it again under the same key, replacing the previous one.
 */
export async function scheduleUnansweredMail(ctx: ServiceContext, conversationId: string, options: { onlyIfLater?: boolean } = {}): Promise<void> {
  await scheduleUnansweredMails(ctx, [conversationId], options);
}

export async function scheduleUnansweredMails(ctx: ServiceContext, conversationIds: readonly string[], options: { onlyIfLater?: boolean } = {}): Promise<void> {
  if (conversationIds.length === 0) return;
  const dueAt = sql`${conversations.waitingSince} + make_interval(mins => ${minutesOf})`;
  const due = await ctx.tx
    .select({ conversationId: conversations.id, userId: conversations.assigneeUserId, runAt: sql<string>`${dueAt}` })
    .from(conversations)
    .leftJoin(notificationPreferences, eq(notificationPreferences.userId, conversations.assigneeUserId))
    .where(
      and(
        sql`${conversations.id} = ANY(${uuidArray(conversationIds)})`,
        eq(conversations.workspaceId, ctx.workspace.id),
        eq(conversations.state, "open"),
        isNotNull(conversations.assigneeUserId),
        isNotNull(conversations.waitingSince),
        sql`coalesce(${notificationPreferences.email}, true)`,
        options.onlyIfLater ? sql`${dueAt} > now()` : undefined,
        // Every message of a wait would queue the same job again: skip it when the pending job is
        // already that one (same assignee, same due time, not running, not retrying), so a wait's
        // later messages cost no add_job and no `jobs:insert` NOTIFY waking the worker. A changed
        // due time (the agent's N minutes), a new assignee, or a job that ran or failed is queued
        // again as before.
        sql`NOT ${mailJobQueuedFor(dueAt)}`,
      ),
    );
  for (const row of due) {
    if (!row.userId) continue;
    await enqueue(ctx.tx, unansweredMailJob, { conversationId: row.conversationId, userId: row.userId }, { runAt: new Date(row.runAt), jobKey: unansweredMailJobKey(row.conversationId) });
  }
}

/**
 * Whether scheduleUnansweredMail would queue anything for this conversation row now, as a column
 * for a statement that writes the conversation anyway (a contact's message, in the UPDATE's
 * RETURNING, which sees the row as updated): the same conditions, with the preferences read by
 * subquery. False for the many messages of a wait whose job is already queued, which then cost
 * no statement of their own.
 */
export function unansweredMailJobNeeded(): SQL<boolean> {
  const preference = (column: SQL) => sql`(SELECT ${column} FROM notification_preferences p WHERE p.user_id = ${conversations.assigneeUserId})`;
  const dueAt = sql`${conversations.waitingSince} + make_interval(mins => coalesce(${preference(sql`p.email_after_minutes`)}, ${EMAIL_AFTER_MINUTES_DEFAULT}))`;
  return sql<boolean>`(${conversations.state} = 'open'
    AND ${conversations.assigneeUserId} IS NOT NULL
    AND ${conversations.waitingSince} IS NOT NULL
    AND coalesce(${preference(sql`p.email`)}, true)
    AND NOT ${mailJobQueuedFor(dueAt)})`;
}

/**
 * Whether the conversation's mail job is already queued as it would be queued now: for its
 * assignee at `dueAt`, not yet running nor retrying. Raw SQL: graphile-worker's job table has no
 * drizzle schema (read as lib/jobs/stranded-jobs.ts reads it).
 */
function mailJobQueuedFor(dueAt: SQL): SQL {
  return sql`EXISTS (
    SELECT 1 FROM graphile_worker._private_jobs j
    WHERE j.key = ${UNANSWERED_MAIL_KEY_PREFIX} || ${conversations.id}::text
      AND j.locked_at IS NULL AND j.attempts = 0
      -- Queued as a JavaScript Date: the due time to the millisecond.
      AND j.run_at BETWEEN ${dueAt} - interval '1 millisecond' AND ${dueAt} + interval '1 millisecond'
      AND j.payload->>'userId' = ${conversations.assigneeUserId}::text)`;
}

/**
 * The job's one guarded statement: it records the mail for this wait only if, now, the
 * conversation is still open, still assigned to that person (still a member), still waiting,
 * waiting for at least their N minutes, they still want these mails and they have not been
 * active in the app within the window. The primary key (conversation, waiting_since) makes it
 * once per wait. Only then is the mail queued, in the same transaction.
 * Raw SQL: the whole decision must be one INSERT … SELECT so two runs cannot both pass it.
 */
export async function sendUnansweredMail(ctx: ServiceContext, input: { conversationId: string; userId: string }): Promise<{ mailId: string } | null> {
  const claimed = await ctx.tx.execute<{ waiting_since: string }>(sql`
    INSERT INTO unanswered_mails (conversation_id, waiting_since, user_id)
    SELECT c.id, c.waiting_since, c.assignee_user_id
    FROM conversations c
    JOIN memberships m ON m.workspace_id = c.workspace_id AND m.user_id = c.assignee_user_id
    LEFT JOIN notification_preferences p ON p.user_id = c.assignee_user_id
    LEFT JOIN agent_activity a ON a.user_id = c.assignee_user_id
    WHERE c.id = ${input.conversationId}
      AND c.workspace_id = ${ctx.workspace.id}
      AND c.state = 'open'
      AND c.assignee_user_id = ${input.userId}
      AND c.waiting_since IS NOT NULL
      AND coalesce(p.email, true)
      AND c.waiting_since + make_interval(mins => coalesce(p.email_after_minutes, ${EMAIL_AFTER_MINUTES_DEFAULT})) <= now()
      AND (a.last_active_at IS NULL OR a.last_active_at < now() - make_interval(secs => ${ACTIVE_WINDOW_SECONDS}))
    ON CONFLICT DO NOTHING
    RETURNING waiting_since`);
  const waitingSince = claimed.rows[0]?.waiting_since;
  if (!waitingSince) {
    // Not due yet because the agent chose more minutes since this job was queued: queue it again
    // for the new due time (only ever later, so this cannot loop).
    await scheduleUnansweredMail(ctx, input.conversationId, { onlyIfLater: true });
    return null;
  }

  const [about] = await ctx.tx
    .select({
      to: users.email,
      agentName: users.name,
      preview: conversations.lastMessagePreview,
      minutes: sql<number>`floor(extract(epoch FROM now() - ${conversations.waitingSince}) / 60)::int`,
      contact: { firstName: contacts.firstName, lastName: contacts.lastName, email: contacts.email, phone: contacts.phone },
    })
    .from(conversations)
    .innerJoin(users, eq(users.id, conversations.assigneeUserId))
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(eq(conversations.id, input.conversationId));
  if (!about) return null;
  const who = contactDisplayName(about.contact);
  const preview = about.preview.length > MAIL_PREVIEW_CHARS ? `${about.preview.slice(0, MAIL_PREVIEW_CHARS - 1).trimEnd()}…` : about.preview;
  const url = appLink(inboxPath(ctx.workspace.id, { kind: "built-in", key: "you" }, input.conversationId));
  const body = actionMail({
    heading: `${who} is waiting for an answer`,
    paragraphs: [
      `A conversation assigned to you has waited ${about.minutes} minute${about.minutes === 1 ? "" : "s"} for a reply.`,
      ...(preview ? [`“${preview}”`] : []),
    ],
    action: { label: "Open the conversation", url },
    footer: "You get this mail when a conversation assigned to you waits and you are not in Parley. Change it in your profile's Notifications.",
  });
  const mail = await queueMail(ctx.tx, { workspaceId: ctx.workspace.id, userId: input.userId, kind: "notification", to: about.to, subject: `${who} is waiting for your answer`, ...body });
  await ctx.tx
    .update(unansweredMails)
    .set({ mailId: mail.mailId })
    .where(and(eq(unansweredMails.conversationId, input.conversationId), eq(unansweredMails.waitingSince, sql`${waitingSince}::timestamptz`)));
  return mail;
}
