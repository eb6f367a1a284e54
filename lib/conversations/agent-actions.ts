import { and, eq, sql } from "drizzle-orm";
import { linkAttachments, pendingAttachmentNames, type AttachmentUploader } from "@/lib/attachments/link-attachments";
import type { DbOrTx } from "@/lib/db/client";
import { contacts } from "@/lib/db/schema/contacts";
import { conversations, messages, type AssignOnOpen, type ConversationState } from "@/lib/db/schema/conversations";
import { teamRoundRobin } from "@/lib/db/schema/round-robin";
import { lockGoalCandidates, meetGoals } from "@/lib/workflow/engine/goal-events";
import { memberships, teams } from "@/lib/db/schema/workspaces";
import { uuidArray } from "@/lib/db/sql-params";
import { timeOrderedId } from "@/lib/db/time-ordered-id";
import { notFound, SafeError } from "@/lib/errors";
import { enqueue } from "@/lib/jobs/enqueue";
import { isDocumentEmpty, textToDocument, type RichTextDocument } from "@/lib/rich-text/document-schema";
import { renderMessage } from "@/lib/rich-text/render";
import { actorUserId, type ServiceContext } from "@/lib/services/service-context";
import type { Assignee } from "@/lib/workflow/assignee";
import { findMemberName } from "@/lib/workspace/member-name";
import { invalidTransition, type ConversationEvent } from "./conversation-state-machine";
import type { AssignInput, ConversationIdInput, PostMessageInput, PriorityInput, SnoozeInput } from "./conversations.validation";
import { wakeSnoozedJob } from "./job-specs";
import { previewOf, type MessageContent } from "./message-content";
import { leaveRoundRobinQueue, queueForRoundRobin } from "@/lib/round-robin/assign-round-robin";
import { requestRoundRobinDrain } from "@/lib/round-robin/round-robin-drain-task";
import { scheduleUnansweredMails } from "@/lib/notifications/unanswered-mail";
import { notifyConversations } from "./notify";
import { writeConversationOutbox, writeMessageOutbox } from "./outbox";
import { transitionConversations, type TransitionInput, type TransitionedRow } from "./transition";

// Everything an agent (or the engine, or an API caller) does to a conversation that already
// exists. Every statement is scoped to the context's workspace: another workspace's conversation
// is "not found".

async function stateOf(ctx: ServiceContext, conversationId: string): Promise<ConversationState> {
  const [row] = await ctx.tx
    .select({ state: conversations.state })
    .from(conversations)
    .where(and(eq(conversations.id, conversationId), eq(conversations.workspaceId, ctx.workspace.id)));
  if (!row) throw notFound("That conversation");
  return row.state;
}

/** A single-conversation transition that explains itself when it cannot happen. */
async function transitionOne(ctx: ServiceContext, event: ConversationEvent, conversationId: string, set: TransitionInput["set"]): Promise<TransitionedRow> {
  const [row] = await transitionConversations(ctx, { event, conversationIds: [conversationId], set });
  if (row) return row;
  throw invalidTransition(await stateOf(ctx, conversationId), event);
}

/**
 * Checks that a user or team can take conversations in this workspace, and that a team chosen as
 * "Team (round robin)" assigns automatically (what publishing checks of an Assign step too). A
 * published step whose team had it turned off since passes `roundRobinOff: "hold"`: the team holds
 * its conversations, as a team without automatic assignment does.
 */
export async function assertAssigneeInWorkspace(db: DbOrTx, workspaceId: string, assignee: Assignee, options: { roundRobinOff?: "refuse" | "hold" } = {}): Promise<void> {
  if (assignee.type === "user") {
    const found = await db
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, assignee.userId)))
      // Held to commit: a removal of this member waits, then unassigns what this assigned.
      .for("key share");
    if (found.length === 0) throw notFound("That agent");
  }
  if (assignee.type === "team" || assignee.type === "round_robin") {
    const found = await db
      .select({ id: teams.id })
      .from(teams)
      .where(and(eq(teams.workspaceId, workspaceId), eq(teams.id, assignee.teamId)));
    if (found.length === 0) throw notFound("That team");
  }
  if (assignee.type === "round_robin" && (options.roundRobinOff ?? "refuse") === "refuse") {
    const [on] = await db
      .select({ teamId: teamRoundRobin.teamId })
      .from(teamRoundRobin)
      .where(and(eq(teamRoundRobin.workspaceId, workspaceId), eq(teamRoundRobin.teamId, assignee.teamId), eq(teamRoundRobin.enabled, true)));
    if (!on) throw new SafeError("round_robin_off", "That team does not assign automatically. Turn on automatic assignment in its settings, or assign the team itself.");
  }
}

/**
 * Assigns conversations. A campaign has not opened yet, so its assignment is remembered and
 * applied when it opens; an open, snoozed or closed one is assigned now. High Priority means
 * unassigned in the High Priority queue. Returns the ids that exist in the workspace.
 * Raw SQL on purpose: the engine's Assign step assigns a whole batch in this one statement.
 */
export async function assignConversations(ctx: ServiceContext, input: { conversationIds: TransitionInput["conversationIds"]; assignee: Assignee }): Promise<string[]> {
  const selection = input.conversationIds;
  if (Array.isArray(selection) && selection.length === 0) return [];
  const which = "matching" in selection ? selection.matching : sql`id = ANY(${uuidArray(selection as readonly string[])})`;
  const a: AssignOnOpen = input.assignee;
  const userId = a.type === "user" ? a.userId : null;
  const teamId = a.type === "team" || a.type === "round_robin" ? a.teamId : null;
  const updated = await ctx.tx.execute<{ id: string; state: ConversationState }>(sql`
    UPDATE conversations SET
      assign_on_open = CASE WHEN state = 'campaign' THEN ${JSON.stringify(a)}::jsonb ELSE assign_on_open END,
      assignee_user_id = CASE WHEN state = 'campaign' THEN assignee_user_id ELSE ${userId}::uuid END,
      assignee_team_id = CASE WHEN state = 'campaign' THEN assignee_team_id ELSE ${teamId}::uuid END,
      priority = CASE WHEN state = 'campaign' THEN priority WHEN ${a.type === "high_priority"} THEN 'high'::priority ELSE priority END,
      updated_at = now()
    WHERE ${which} AND workspace_id = ${ctx.workspace.id}
    RETURNING id, state`);
  const visible = updated.rows.filter((row) => row.state !== "campaign");
  await notifyConversations(ctx, "conversation.assigned", visible.map((row) => row.id));
  // Assigned by hand, a conversation no longer waits in a round-robin queue; the agent it left may take another.
  await leaveRoundRobinQueue(ctx, visible.map((row) => row.id));
  if (a.type === "round_robin") await queueForRoundRobin(ctx, { teamId: a.teamId, conversationIds: visible.map((row) => row.id) });
  // A waiting conversation given to a person: their "unanswered" mail, instead of the previous assignee's.
  if (a.type === "user") await scheduleUnansweredMails(ctx, visible.map((row) => row.id));
  if (visible.length > 0) await requestRoundRobinDrain(ctx);
  return updated.rows.map((row) => row.id);
}

export async function assignConversation(ctx: ServiceContext, input: AssignInput): Promise<{ conversationId: string }> {
  await assertAssigneeInWorkspace(ctx.tx, ctx.workspace.id, input.assignee);
  const done = await assignConversations(ctx, { conversationIds: [input.conversationId], assignee: input.assignee });
  if (done.length === 0) throw notFound("That conversation");
  return { conversationId: input.conversationId };
}

export async function setConversationPriority(ctx: ServiceContext, input: PriorityInput): Promise<{ conversationId: string }> {
  const updated = await ctx.tx
    .update(conversations)
    .set({ priority: input.priority, updatedAt: sql`now()` })
    .where(and(eq(conversations.id, input.conversationId), eq(conversations.workspaceId, ctx.workspace.id)))
    .returning({ id: conversations.id });
  if (updated.length === 0) throw notFound("That conversation");
  await notifyConversations(ctx, "conversation.priority_changed", [input.conversationId]);
  return { conversationId: input.conversationId };
}

export type NoteInput = {
  conversationId: string;
  content: MessageContent;
  author: { userId: string | null; name: string | null; type?: "agent" | "system" };
  dedupeKey?: string;
};

/**
 * Adds internal notes (never shown to contacts); a note with a seen dedupe key is skipped.
 * Raw SQL on purpose: the engine's Add Note step writes a whole batch in this one statement.
 */
export async function addNotes(ctx: ServiceContext, input: { notes: readonly NoteInput[] }): Promise<string[]> {
  if (input.notes.length === 0) return [];
  const rows = input.notes.map((note) => ({
    id: timeOrderedId(),
    conversation_id: note.conversationId,
    author_type: note.author.type ?? "agent",
    author_user_id: note.author.userId,
    author_name: note.author.name,
    body: note.content.json,
    html: note.content.html,
    text: note.content.text,
    dedupe_key: note.dedupeKey ?? null,
  }));
  const inserted = await ctx.tx.execute<{ id: string; conversation_id: string }>(sql`
    INSERT INTO messages (id, workspace_id, conversation_id, kind, author_type, author_user_id, author_name, body, html, text, dedupe_key)
    SELECT n.id, c.workspace_id, c.id, 'note', n.author_type::author_type, n.author_user_id, n.author_name, n.body, n.html, n.text, n.dedupe_key
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS n(id uuid, conversation_id uuid, author_type text,
      author_user_id uuid, author_name text, body jsonb, html text, text text, dedupe_key text)
    JOIN conversations c ON c.id = n.conversation_id AND c.workspace_id = ${ctx.workspace.id}
    ON CONFLICT (conversation_id, dedupe_key) DO NOTHING
    RETURNING id, conversation_id`);
  await notifyConversations(ctx, "message.created", inserted.rows.map((row) => row.conversation_id));
  return inserted.rows.map((row) => row.id);
}

/** The conversation's contact (what variables are filled from) and whether it is third-party. */
async function conversationContext(ctx: ServiceContext, conversationId: string) {
  const [row] = await ctx.tx
    .select({
      contact: {
        firstName: contacts.firstName,
        lastName: contacts.lastName,
        email: contacts.email,
        phone: contacts.phone,
        company: contacts.company,
        attributes: contacts.attributes,
      },
      thirdParty: conversations.thirdParty,
    })
    .from(conversations)
    .innerJoin(contacts, and(eq(contacts.id, conversations.contactId), eq(contacts.workspaceId, conversations.workspaceId)))
    .where(and(eq(conversations.id, conversationId), eq(conversations.workspaceId, ctx.workspace.id)));
  if (!row) throw notFound("That conversation");
  return row;
}

type ConversationContext = Awaited<ReturnType<typeof conversationContext>>;

function renderForContact(doc: RichTextDocument, context: ConversationContext, senderName: string | null): MessageContent {
  const rendered = renderMessage(doc, { contact: context.contact, sender: { name: senderName } });
  if (!rendered.ok) {
    const names = [...rendered.missing.map((name) => `{{${name}}} has no value for this contact and no fallback`), ...rendered.invalid.map((raw) => `“${raw}” is not a valid variable`)];
    throw new SafeError("missing_variables", `${names.join("; ")}.`, rendered);
  }
  return { json: rendered.json, html: rendered.html, text: rendered.text };
}

/**
 * Stores a delivered message from the workspace's side (an agent or a bot): the contact is no
 * longer waiting, the inbox hears of it and a third-party conversation's integration is told.
 * A message with a seen dedupe key is skipped (messageId "").
 */
async function insertOutgoingMessage(
  ctx: ServiceContext,
  input: {
    conversationId: string; authorType: "agent" | "bot"; authorUserId: string | null; authorName: string | null;
    content: MessageContent; thirdParty: boolean; dedupeKey?: string;
    /** Files its author uploaded for it: linked before the webhook's payload is written, which lists them. */
    attachments?: { ids: readonly string[]; uploader: AttachmentUploader };
  },
): Promise<{ messageId: string }> {
  const { content } = input;
  const messageId = timeOrderedId();
  const inserted = await ctx.tx
    .insert(messages)
    .values({
      id: messageId,
      workspaceId: ctx.workspace.id,
      conversationId: input.conversationId,
      kind: "message",
      authorType: input.authorType,
      authorUserId: input.authorUserId,
      authorName: input.authorName,
      body: content.json,
      html: content.html,
      text: content.text,
      dedupeKey: input.dedupeKey ?? null,
    })
    .onConflictDoNothing({ target: [messages.conversationId, messages.dedupeKey] })
    .returning({ id: messages.id });
  if (inserted.length === 0) return { messageId: "" };
  if (input.attachments) await linkAttachments(ctx, { messageId, conversationId: input.conversationId, attachmentIds: input.attachments.ids, uploader: input.attachments.uploader });
  await ctx.tx
    .update(conversations)
    .set({ lastMessageAt: sql`now()`, lastMessagePreview: previewOf(content.text), waitingSince: null, updatedAt: sql`now()` })
    .where(and(eq(conversations.id, input.conversationId), eq(conversations.workspaceId, ctx.workspace.id)));
  await notifyConversations(ctx, "message.created", [input.conversationId]);
  if (input.thirdParty) await writeMessageOutbox(ctx, { messageIds: [messageId] });
  return { messageId };
}

export type PostAgentMessageInput = Omit<PostMessageInput, "dedupeKey" | "attachmentIds"> & {
  attachmentIds?: readonly string[];
  /** Makes a resent message land once (the composer's id for it, an API Idempotency-Key). */
  dedupeKey?: string;
  /** The agent who writes it when the actor is not that agent (an API key posting as a member); default: the acting user. */
  authorUserId?: string;
};

/** An agent answers (kind message, delivered) or writes a note; the contact is no longer waiting. */
export async function postAgentMessage(ctx: ServiceContext, input: PostAgentMessageInput): Promise<{ messageId: string }> {
  const context = await conversationContext(ctx, input.conversationId);
  const userId = input.authorUserId ?? actorUserId(ctx.actor);
  const userName = userId ? await findMemberName(ctx.tx, ctx.workspace.id, userId) : null;
  if (!userId || userName === null) throw notFound("That agent");
  const attachmentIds = input.attachmentIds ?? [];
  const uploader = { userId, conversationId: input.conversationId };
  // A message of files only reads as their names (the inbox's preview, the search).
  const body = isDocumentEmpty(input.body) && attachmentIds.length > 0 ? textToDocument((await pendingAttachmentNames(ctx, attachmentIds, uploader)).join(", ")) : input.body;
  const content = renderForContact(body, context, userName);
  if (input.kind === "note") {
    const [id] = await addNotes(ctx, {
      notes: [{ conversationId: input.conversationId, content, author: { userId, name: userName }, dedupeKey: input.dedupeKey }],
    });
    if (id) await linkAttachments(ctx, { messageId: id, conversationId: input.conversationId, attachmentIds, uploader });
    return { messageId: id ?? "" };
  }
  return insertOutgoingMessage(ctx, {
    conversationId: input.conversationId, authorType: "agent", authorUserId: userId,
    authorName: userName, content, thirdParty: context.thirdParty, dedupeKey: input.dedupeKey,
    attachments: { ids: attachmentIds, uploader },
  });
}

export type PostBotMessageInput = { conversationId: string; name: string; body: RichTextDocument; dedupeKey?: string };

/** A named third-party bot answers (delivered; bots write no notes); {{sender.name}} is the bot's name. */
export async function postBotMessage(ctx: ServiceContext, input: PostBotMessageInput): Promise<{ messageId: string }> {
  const context = await conversationContext(ctx, input.conversationId);
  const content = renderForContact(input.body, context, input.name);
  return insertOutgoingMessage(ctx, {
    conversationId: input.conversationId, authorType: "bot", authorUserId: null,
    authorName: input.name, content, thirdParty: context.thirdParty, dedupeKey: input.dedupeKey,
  });
}

/** Closes conversations (a campaign too); returns the ids that closed. Set-based: the engine's Close step closes a batch. */
export async function closeConversations(ctx: ServiceContext, input: { conversationIds: TransitionInput["conversationIds"] }): Promise<string[]> {
  const byAgent = ctx.actor.type === "user";
  if (byAgent && Array.isArray(input.conversationIds)) await lockGoalCandidates(ctx, { kind: "closed_by_agent", conversationIds: input.conversationIds as readonly string[] });
  const closed = await transitionConversations(ctx, {
    event: "close",
    conversationIds: input.conversationIds,
    set: { closedAt: sql`now()`, snoozedUntil: null },
  });
  const ids = closed.map((row) => row.id);
  await notifyConversations(ctx, "conversation.closed", ids);
  // Closed by an agent (not by a workflow's Close step, nor the API): a workflow goal.
  if (byAgent) await meetGoals(ctx, { kind: "closed_by_agent", conversationIds: ids });
  // Closing frees capacity: a conversation waiting in a round-robin queue may go to its agent now.
  if (ids.length > 0) await requestRoundRobinDrain(ctx);
  await writeConversationOutbox(ctx, { event: "conversation.closed", conversationIds: closed.filter((row) => row.thirdParty).map((row) => row.id) });
  return ids;
}

export async function closeConversation(ctx: ServiceContext, input: ConversationIdInput): Promise<{ conversationId: string }> {
  const closed = await closeConversations(ctx, { conversationIds: [input.conversationId] });
  if (closed.length === 0) throw invalidTransition(await stateOf(ctx, input.conversationId), "close");
  return { conversationId: input.conversationId };
}

/** Reopens a closed conversation into the inbox (one closed while still a campaign opens for the first time). */
export async function reopenConversation(ctx: ServiceContext, input: ConversationIdInput): Promise<{ conversationId: string }> {
  const row = await transitionOne(ctx, "reopen", input.conversationId, {
    closedAt: null,
    openedAt: sql`coalesce(${conversations.openedAt}, now())`,
  });
  await notifyConversations(ctx, "conversation.reopened", [row.id]);
  return { conversationId: row.id };
}

/** Snoozes an open conversation until a time; a job at that time wakes it (if nothing did sooner). */
export async function snoozeConversation(ctx: ServiceContext, input: SnoozeInput): Promise<{ conversationId: string }> {
  if (!(input.until.getTime() > Date.now())) throw new SafeError("invalid_snooze", "Choose a time in the future.");
  const row = await transitionOne(ctx, "snooze", input.conversationId, { snoozedUntil: input.until });
  await notifyConversations(ctx, "conversation.snoozed", [row.id]);
  await enqueue(ctx.tx, wakeSnoozedJob, { conversationId: row.id }, { runAt: input.until });
  await requestRoundRobinDrain(ctx);
  return { conversationId: row.id };
}

/** The snooze job: wakes the conversation only if it is still snoozed and its time has come. */
export async function wakeSnoozedConversation(ctx: ServiceContext, input: ConversationIdInput): Promise<{ woken: boolean }> {
  // A conversation snoozed again to a later time keeps sleeping: this job was for the old time.
  const [row] = await transitionConversations(ctx, {
    event: "wake",
    conversationIds: [input.conversationId],
    set: { snoozedUntil: null },
    where: sql`${conversations.snoozedUntil} <= now()`,
  });
  if (!row) return { woken: false };
  await notifyConversations(ctx, "conversation.woken", [row.id]);
  return { woken: true };
}
