import { and, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { channels } from "@/lib/db/schema/channels";
import { contacts } from "@/lib/db/schema/contacts";
import { conversations, messages } from "@/lib/db/schema/conversations";
import type { DbOrTx } from "@/lib/db/client";
import { columnName, insertColumns } from "@/lib/db/insert-columns";
import { statementBuiltOnce } from "@/lib/db/named-statement";
import { timeOrderedId } from "@/lib/db/time-ordered-id";
import { contactPersonalName } from "@/lib/contacts/display-name";
import { notFound } from "@/lib/errors";
import { chatSendCounting, refuseOverChatSendLimit } from "@/lib/chat/message-rate-limit";
import type { CountedWindow } from "@/lib/limits/sliding-window";
import { assigneeNoticeField } from "@/lib/notifications/live-notification";
import { scheduleUnansweredMail, unansweredMailJobNeeded } from "@/lib/notifications/unanswered-mail";
import { advanceFirstMessages, type OutreachStatus } from "@/lib/outreach-status/first-message-status";
import { goalVersionsColumn, lockGoalCandidates, meetGoals } from "@/lib/workflow/engine/goal-events";
import { notifyStored, storeLiveEvents } from "@/lib/live/notify-live";
import type { ServiceContext } from "@/lib/services/service-context";
import { contactTextToContent, previewOf } from "./message-content";
import { conversationEventPayload, notifyConversationEvents, type ConversationNotification } from "./notify";
import { openConversations } from "./open-conversation";
import { writeMessageOutbox } from "./outbox";
import { linkAttachments } from "@/lib/attachments/link-attachments";
import type { RecordContactMessageInput } from "./record-contact-message.validation";
import { transitionConversations } from "./transition";

export type RecordedContactMessage = {
  conversationId: string;
  messageId: string;
  /** The conversation was a campaign and this reply opened it. */
  opened: boolean;
  /** No conversation could take it, so a new inbound one was created. */
  createdConversation: boolean;
  duplicate: boolean;
};

type Target = { id: string; state: "campaign" | "open" | "snoozed"; thirdParty: boolean; outreachStatus: OutreachStatus | null };

const target = { id: conversations.id, state: conversations.state, thirdParty: conversations.thirdParty, outreachStatus: conversations.outreachStatus };

const value = (name: string) => sql.placeholder(name);

/** The contact's conversations on this channel; on the chat, only those of this chat session (or of none). */
function theirs(shape: "session" | "any") {
  return and(
    eq(conversations.workspaceId, value("workspaceId")),
    eq(conversations.contactId, value("contactId")),
    eq(conversations.channelId, value("channelId")),
    shape === "session"
      ? or(isNull(conversations.customerDestination), eq(conversations.customerDestination, ""), eq(conversations.customerDestination, value("sessionId")))
      : undefined,
  );
}

const answerable = inArray(conversations.state, ["campaign", "open", "snoozed"]);

// Built once each (lib/db/named-statement.ts), one per shape: with or without the chat session.
const answeredTarget = (shape: "session" | "any") =>
  statementBuiltOnce(`contact_message_answered_${shape}`, (db) =>
    db
      .select(target)
      .from(conversations)
      .where(and(theirs(shape), eq(conversations.id, value("conversationId")), answerable))
      .for("update"),
  );
const answeredTargets = { session: answeredTarget("session"), any: answeredTarget("any") };

/**
 * The conversation a message the channel does not name goes to, locked as it is found: campaigns
 * first (the newest), then the open or snoozed one that heard last. Run inside the message's own
 * write (newestWrites): most messages find it open and are written in the same round trip.
 */
const newestTargetQuery = (db: DbOrTx, shape: "session" | "any") =>
  db
    .select(target)
    .from(conversations)
    .where(and(theirs(shape), answerable))
    .orderBy(
      sql`${conversations.state} = 'campaign' DESC`,
      sql`CASE WHEN ${conversations.state} = 'campaign' THEN ${conversations.createdAt} ELSE ${conversations.lastMessageAt} END DESC`,
    )
    .limit(1)
    .for("update");

/**
 * The contact's name, and in the same statement the lock that serialises one contact's messages
 * on one channel, so two at once cannot both create a conversation (taken only when the contact
 * and channel exist; an advisory lock has no query-builder form), and the workflow versions whose
 * goal a reply can meet (for lockGoalCandidates, without a statement of its own). The chat's
 * variant also counts the message against the contact's send limit (lib/chat/message-rate-limit.ts),
 * before the lock as a statement of its own did: the count's row is joined, so it is written
 * before the select list takes the lock.
 */
const lockContactStatement = (counted: boolean) =>
  statementBuiltOnce(counted ? "contact_message_lock_counted" : "contact_message_lock", (db) => {
    const columns = {
      firstName: contacts.firstName,
      lastName: contacts.lastName,
      email: contacts.email,
      phone: contacts.phone,
      locked: sql`pg_advisory_xact_lock(hashtext(${value("contactId")}), hashtext(${value("channelId")}))`,
      goalVersions: goalVersionsColumn(value("workspaceId"), "contact_replied"),
    };
    const theContact = and(eq(contacts.id, value("contactId")), eq(contacts.workspaceId, value("workspaceId")));
    const onChannel = and(eq(channels.workspaceId, contacts.workspaceId), eq(channels.id, value("channelId")));
    if (!counted) return db.select({ ...columns, sends: sql<CountedWindow | null>`NULL` }).from(contacts).innerJoin(channels, onChannel).where(theContact);
    const counting = chatSendCounting(value("contactId"));
    const sends = db.$with("sends", { count: sql<number>`count`.as("count") }).as(counting.insert);
    const { current, previous, elapsed } = counting.columns(sql`${sends}`);
    return db
      .with(sends)
      .select({ ...columns, sends: sql<CountedWindow | null>`json_build_object('current', ${current}, 'previous', ${previous}, 'elapsed', ${elapsed})` })
      .from(contacts)
      .innerJoin(channels, onChannel)
      .leftJoin(sends, sql`true`)
      .where(theContact);
  });
const lockContact = { counted: lockContactStatement(true), plain: lockContactStatement(false) };

/**
 * The message (into the conversation `destination` names, when it names one), the conversation's
 * "last message" and (most often) the message's live event in one statement: one round trip per
 * message. The update and the event happen only when the insert did, so a resent message changes
 * nothing. `mailJobNeeded` says whether the unanswered-mail job needs (re)queueing: most
 * messages of a wait find it queued.
 */
function messageWrite(db: DbOrTx, destination: SQL) {
  const to = db.$with("destination", { id: sql<string>`destination_id`.as("destination_id") }).as(destination);
  // Raw SQL: drizzle's insert from a select wants every column of the table; insertColumns names these from the schema.
  const row = insertColumns(messages, {
    id: sql`${value("messageId")}::uuid`,
    workspaceId: sql`${value("workspaceId")}::uuid`,
    conversationId: sql`${to.id}`,
    kind: sql`'message'`,
    authorType: sql`'contact'`,
    authorContactId: sql`${value("contactId")}::uuid`,
    authorName: sql`${value("authorName")}::text`,
    body: sql`${value("body")}::jsonb`,
    html: sql`${value("html")}::text`,
    text: sql`${value("text")}::text`,
    dedupeKey: sql`${value("dedupeKey")}::text`,
  });
  const inserted = db.$with("inserted", { id: sql<string>`message_id`.as("message_id"), conversationId: sql<string>`message_conversation_id`.as("message_conversation_id") }).as(sql`
    INSERT INTO ${messages} (${row.names}) SELECT ${row.values} FROM ${to}
    ON CONFLICT (${columnName(messages.conversationId)}, ${columnName(messages.dedupeKey)}) DO NOTHING
    RETURNING ${columnName(messages.id)} AS message_id, ${columnName(messages.conversationId)} AS message_conversation_id`);
  const touched = db.$with("touched").as(
    db
      .update(conversations)
      .set({
        lastMessageAt: sql`now()`,
        lastMessagePreview: sql`${value("preview")}`,
        waitingSince: sql`coalesce(${conversations.waitingSince}, now())`,
        updatedAt: sql`now()`,
      })
      .where(sql`${conversations.id} IN (SELECT ${inserted.conversationId} FROM ${inserted})`)
      .returning({
        id: conversations.id,
        contactId: conversations.contactId,
        assigneeUserId: conversations.assigneeUserId,
        mailJobNeeded: unansweredMailJobNeeded().as("mail_job_needed"),
      }),
  );
  // The message's live event, when it is the only one (`announce`: an open conversation, which
  // nothing else in this transaction changes before it): written here rather than in a statement
  // of its own after this one. As notifyConversationEvents would write it, with the assignee's
  // notice too (their stream then asks nothing more).
  const event = sql`jsonb_build_object('workspaceId', ${value("workspaceId")}::uuid, 'conversationId', ${touched.id}, 'type', 'message.created')`;
  const notice = assigneeNoticeField({
    assigneeUserId: touched.assigneeUserId,
    messageId: value("messageId"),
    contact: { firstName: value("firstName"), lastName: value("lastName"), email: value("email"), phone: value("phone") },
    preview: value("preview"),
  });
  const announced = db
    .$with("announced", { id: sql<number>`id` })
    .as(
      storeLiveEvents(
        sql`SELECT ${value("workspaceId")}::uuid, ${touched.contactId}, ${conversationEventPayload(event, touched)} || ${notice} FROM ${touched} WHERE ${value("announce")}::boolean`,
      ),
    );
  // The NOTIFYs are the `announced` column: the insert CTE runs unread, a SELECT of pg_notify would not.
  const written = { id: inserted.id, mailJobNeeded: touched.mailJobNeeded, announced: sql<number>`(SELECT count(*) FROM (${notifyStored(sql`${announced}`)}) AS n)` };
  return { to, inserted, touched, announced, written };
}

/** The message into the conversation the caller found (`conversationId`): no row when it was resent. */
const namedWrite = statementBuiltOnce("contact_message_write", (db) => {
  const { to, inserted, touched, announced, written } = messageWrite(db, sql`SELECT ${value("conversationId")}::uuid AS destination_id`);
  return db.with(to, inserted, touched, announced).select(written).from(inserted).leftJoin(touched, sql`true`);
});

/**
 * The contact's newest answerable conversation (newestTargetQuery), locked, and when it is open the
 * message into it, in one statement: one row when there is a conversation, its id null when the
 * message was not written (the conversation is a campaign or snoozed, or the message was resent).
 */
const newestWrite = (shape: "session" | "any") =>
  statementBuiltOnce(`contact_message_write_newest_${shape}`, (db) => {
    const found = db.$with("found").as(newestTargetQuery(db, shape));
    const { to, inserted, touched, announced, written } = messageWrite(db, sql`SELECT ${found.id} AS destination_id FROM ${found} WHERE ${found.state} = 'open'`);
    return db
      .with(found, to, inserted, touched, announced)
      .select({ target: { id: found.id, state: found.state, thirdParty: found.thirdParty, outreachStatus: found.outreachStatus }, ...written })
      .from(found)
      .leftJoin(inserted, sql`true`)
      .leftJoin(touched, sql`true`);
  });
const newestWrites = { session: newestWrite("session"), any: newestWrite("any") };

/**
 * A contact wrote in on a channel (the chat page, an SMS webhook). The message goes to the
 * contact's newest campaign on that channel, which opens (the reply that makes it appear in the
 * inbox, fires "Conversation started" and resumes waiting runs); else to their open or snoozed
 * conversation (a snoozed one wakes); else to a new inbound conversation.
 */
export async function recordContactMessage(ctx: ServiceContext, input: RecordContactMessageInput): Promise<RecordedContactMessage> {
  const [contact] = await lockContact[input.countsChatSend ? "counted" : "plain"](ctx.tx, { contactId: input.contactId, channelId: input.channelId, workspaceId: ctx.workspace.id });
  if (!contact) throw notFound("That contact or channel");
  if (contact.sends) refuseOverChatSendLimit(contact.sends);
  const goals = await lockGoalCandidates(ctx, { kind: "contact_replied", contactIds: [input.contactId] }, contact.goalVersions);

  const content = contactTextToContent(input.text);
  const messageId = timeOrderedId();
  const values = {
    messageId,
    workspaceId: ctx.workspace.id,
    contactId: input.contactId,
    channelId: input.channelId,
    sessionId: input.sessionId ?? null,
    authorName: contactPersonalName(contact),
    firstName: contact.firstName,
    lastName: contact.lastName,
    email: contact.email,
    phone: contact.phone,
    body: content.json,
    html: content.html,
    text: content.text,
    dedupeKey: input.dedupeKey ?? null,
    preview: previewOf(content.text),
  };
  const shape = input.sessionId ? "session" : "any";

  // The conversation the channel says is answered (an email thread), if still open to it; else the
  // newest unanswered campaign; otherwise the ongoing conversation. Locked as it is found, before
  // anything else changes it: a workflow closing this campaign right now either finishes first (and
  // the message goes to the next candidate, or starts a new conversation) or waits for this reply.
  let found: Target | undefined;
  let written: { id: string | null; mailJobNeeded: boolean | null } | undefined;
  if (input.conversationId) [found] = (await answeredTargets[shape](ctx.tx, { ...values, conversationId: input.conversationId })) as Target[];
  if (!found && !input.newUnlessMatched) {
    // An open one takes the message in the same statement, with its live event.
    const [newest] = await newestWrites[shape](ctx.tx, { ...values, announce: true });
    if (newest) {
      found = newest.target as Target;
      if (found.state === "open") written = newest;
    }
  }
  let createdConversation = false;
  if (!found) {
    const id = timeOrderedId();
    await ctx.tx.insert(conversations).values({
      id,
      workspaceId: ctx.workspace.id,
      contactId: input.contactId,
      channelId: input.channelId,
      origin: "inbound",
      direction: "from_contact",
      openMode: "immediately",
      state: "open",
      openedAt: sql`now()`,
      repliedAt: sql`now()`,
      customerDestination: input.sessionId ?? null,
      lastMessageAt: sql`now()`,
      lastMessagePreview: "",
    });
    await ctx.tx
      .update(contacts)
      .set({ lastConversationOpenedAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(eq(contacts.id, input.contactId), eq(contacts.workspaceId, ctx.workspace.id)));
    found = { id, state: "open", thirdParty: false, outreachStatus: null };
    createdConversation = true;
  }
  const conversation = found;

  // A new conversation, an opened campaign or a woken conversation has events of its own first.
  const announcedInWrite = conversation.state === "open" && !createdConversation;
  written ??= (await namedWrite(ctx.tx, { ...values, conversationId: conversation.id, announce: announcedInWrite }))[0] ?? { id: null, mailJobNeeded: null };
  if (written.id === null) {
    const [existing] = await ctx.tx
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.conversationId, conversation.id), eq(messages.dedupeKey, input.dedupeKey!)));
    return { conversationId: conversation.id, messageId: existing!.id, opened: false, createdConversation: false, duplicate: true };
  }
  if (input.attachmentIds?.length) {
    // Linked before the webhook's payload is written, which lists them.
    await linkAttachments(ctx, { messageId, conversationId: conversation.id, attachmentIds: input.attachmentIds, uploader: { contactId: input.contactId } });
  }

  // The contact answered: a workflow's first message in this conversation is replied to. (A
  // conversation without a status, such as every inbound one, has no first message to track.)
  if (conversation.outreachStatus !== null) await advanceFirstMessages(ctx.tx, ctx.workspace.id, { conversationIds: [conversation.id] }, { status: "replied" });

  const events: ConversationNotification[] = [];
  const event = (type: ConversationNotification["type"]) => events.push({ conversationId: conversation.id, type });
  if (createdConversation) event("conversation.created");
  let opened = false;
  if (conversation.state === "campaign") opened = (await openConversations(ctx, { conversationIds: [conversation.id], reason: "reply" })).length > 0;
  if (
    conversation.state === "snoozed" &&
    (await transitionConversations(ctx, { event: "wake", conversationIds: [conversation.id], set: { snoozedUntil: null } })).length > 0
  ) {
    event("conversation.woken");
  }
  if (!announcedInWrite) event("message.created");
  await notifyConversationEvents(ctx, events);
  // After the reply resumed its waiting runs: a goal that ends them wins over the path they were resumed on.
  await meetGoals(ctx, { kind: "contact_replied", contactIds: [input.contactId] }, goals);
  // A campaign opened or a snoozed conversation woken just now was not open when the update
  // above looked: it asks as before.
  if (written.mailJobNeeded || conversation.state !== "open") await scheduleUnansweredMail(ctx, conversation.id);
  if (conversation.thirdParty) await writeMessageOutbox(ctx, { messageIds: [messageId] });
  return { conversationId: conversation.id, messageId, opened, createdConversation, duplicate: false };
}
