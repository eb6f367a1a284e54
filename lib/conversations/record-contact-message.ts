import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { channels } from "@/lib/db/schema/channels";
import { contacts } from "@/lib/db/schema/contacts";
import { conversations, messages } from "@/lib/db/schema/conversations";
import { statementBuiltOnce } from "@/lib/db/named-statement";
import { timeOrderedId } from "@/lib/db/time-ordered-id";
import { contactPersonalName } from "@/lib/contacts/display-name";
import { notFound } from "@/lib/errors";
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
// One statement for both: campaigns first (the newest), then the open or snoozed one that heard last.
const newestTarget = (shape: "session" | "any") =>
  statementBuiltOnce(`contact_message_target_${shape}`, (db) =>
    db
      .select(target)
      .from(conversations)
      .where(and(theirs(shape), answerable))
      .orderBy(
        sql`${conversations.state} = 'campaign' DESC`,
        sql`CASE WHEN ${conversations.state} = 'campaign' THEN ${conversations.createdAt} ELSE ${conversations.lastMessageAt} END DESC`,
      )
      .limit(1)
      .for("update"),
  );
const targetStatements = {
  session: { answered: answeredTarget("session"), newest: newestTarget("session") },
  any: { answered: answeredTarget("any"), newest: newestTarget("any") },
};

/**
 * The conversation the channel says is answered (an email thread), if still open to it; else the
 * newest unanswered campaign; otherwise the ongoing conversation. Locked as it is found, before
 * anything else changes it: a workflow closing this campaign right now either finishes first (and
 * the message goes to the next candidate, or starts a new conversation) or waits for this reply.
 */
async function findTarget(ctx: ServiceContext, input: RecordContactMessageInput): Promise<Target | undefined> {
  const statements = targetStatements[input.sessionId ? "session" : "any"];
  const values = { workspaceId: ctx.workspace.id, contactId: input.contactId, channelId: input.channelId, sessionId: input.sessionId ?? null };
  if (input.conversationId) {
    const [answered] = await statements.answered(ctx.tx, { ...values, conversationId: input.conversationId });
    if (answered) return answered as Target;
  }
  if (input.newUnlessMatched) return undefined;
  const [found] = await statements.newest(ctx.tx, values);
  return found as Target | undefined;
}

/**
 * The contact's name, and in the same statement the lock that serialises one contact's messages
 * on one channel, so two at once cannot both create a conversation (taken only when the contact
 * and channel exist; an advisory lock has no query-builder form), and the workflow versions whose
 * goal a reply can meet (for lockGoalCandidates, without a statement of its own).
 */
const lockContact = statementBuiltOnce("contact_message_lock", (db) =>
  db
    .select({
      firstName: contacts.firstName,
      lastName: contacts.lastName,
      locked: sql`pg_advisory_xact_lock(hashtext(${value("contactId")}), hashtext(${value("channelId")}))`,
      goalVersions: goalVersionsColumn(value("workspaceId"), "contact_replied"),
    })
    .from(contacts)
    .innerJoin(channels, and(eq(channels.workspaceId, contacts.workspaceId), eq(channels.id, value("channelId"))))
    .where(and(eq(contacts.id, value("contactId")), eq(contacts.workspaceId, value("workspaceId")))),
);

/**
 * The message, the conversation's "last message" and (most often) the message's live event in one
 * statement (one round trip per message): the update and the event happen only when the insert
 * did, so a resent message changes nothing. It returns whether the unanswered-mail job needs
 * (re)queueing: most messages of a wait find it queued.
 */
const writeMessage = statementBuiltOnce("contact_message_write", (db) => {
  const inserted = db.$with("inserted").as(
    db
      .insert(messages)
      .values({
        id: value("messageId"),
        workspaceId: value("workspaceId"),
        conversationId: value("conversationId"),
        kind: "message",
        authorType: "contact",
        authorContactId: value("contactId"),
        authorName: value("authorName"),
        body: value("body"),
        html: value("html"),
        text: value("text"),
        dedupeKey: value("dedupeKey"),
      })
      .onConflictDoNothing({ target: [messages.conversationId, messages.dedupeKey] })
      .returning({ id: messages.id }),
  );
  const touched = db.$with("touched").as(
    db
      .update(conversations)
      .set({
        lastMessageAt: sql`now()`,
        lastMessagePreview: sql`${value("preview")}`,
        waitingSince: sql`coalesce(${conversations.waitingSince}, now())`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(conversations.id, value("conversationId")), sql`EXISTS (SELECT 1 FROM ${inserted})`))
      .returning({
        id: conversations.id,
        contactId: conversations.contactId,
        assigneeUserId: conversations.assigneeUserId,
        mailJobNeeded: unansweredMailJobNeeded().as("mail_job_needed"),
      }),
  );
  // The message's live event, when it is the only one (`announce`: an open conversation, which
  // nothing else in this transaction changes before it): written here rather than in a statement
  // of its own after this one. As notifyConversationEvents would write it.
  const event = sql`jsonb_build_object('workspaceId', ${value("workspaceId")}::uuid, 'conversationId', ${touched.id}, 'type', 'message.created')`;
  const announced = db
    .$with("announced", { id: sql<number>`id` })
    .as(
      storeLiveEvents(
        sql`SELECT ${value("workspaceId")}::uuid, ${touched.contactId}, ${conversationEventPayload(event, touched)} FROM ${touched} WHERE ${value("announce")}::boolean`,
      ),
    );
  // The NOTIFYs are the `announced` column: the insert CTE runs unread, a SELECT of pg_notify would not.
  return db
    .with(inserted, touched, announced)
    .select({ id: inserted.id, mailJobNeeded: touched.mailJobNeeded, announced: sql<number>`(SELECT count(*) FROM (${notifyStored(sql`${announced}`)}) AS n)` })
    .from(inserted)
    .leftJoin(touched, sql`true`);
});

/**
 * A contact wrote in on a channel (the chat page, an SMS webhook). The message goes to the
 * contact's newest campaign on that channel, which opens (the reply that makes it appear in the
 * inbox, fires "Conversation started" and resumes waiting runs); else to their open or snoozed
 * conversation (a snoozed one wakes); else to a new inbound conversation.
 */
export async function recordContactMessage(ctx: ServiceContext, input: RecordContactMessageInput): Promise<RecordedContactMessage> {
  const [contact] = await lockContact(ctx.tx, { contactId: input.contactId, channelId: input.channelId, workspaceId: ctx.workspace.id });
  if (!contact) throw notFound("That contact or channel");
  const goals = await lockGoalCandidates(ctx, { kind: "contact_replied", contactIds: [input.contactId] }, contact.goalVersions);

  const content = contactTextToContent(input.text);
  let found = await findTarget(ctx, input);
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

  const messageId = timeOrderedId();
  // A new conversation, an opened campaign or a woken conversation has events of its own first.
  const announcedInWrite = conversation.state === "open" && !createdConversation;
  const written = await writeMessage(ctx.tx, {
    messageId,
    workspaceId: ctx.workspace.id,
    conversationId: conversation.id,
    contactId: input.contactId,
    authorName: contactPersonalName(contact),
    body: content.json,
    html: content.html,
    text: content.text,
    dedupeKey: input.dedupeKey ?? null,
    preview: previewOf(content.text),
    announce: announcedInWrite,
  });
  if (written.length === 0) {
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
  if (written[0]!.mailJobNeeded || conversation.state !== "open") await scheduleUnansweredMail(ctx, conversation.id);
  if (conversation.thirdParty) await writeMessageOutbox(ctx, { messageIds: [messageId] });
  return { conversationId: conversation.id, messageId, opened, createdConversation, duplicate: false };
}
