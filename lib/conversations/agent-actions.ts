import { timeOrderedId } from "../db/time-ordered-id";
import { sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "../db/client";
import type { ConversationState } from "../db/schema/conversations";
import { uuidArray } from "../db/sql-params";
import { notFound, SafeError } from "../errors";
import type { RichTextDocument } from "../rich-text/document-schema";
import { renderMessage } from "../rich-text/render";
import { enqueue } from "../jobs/enqueue";
import type { Assignee } from "../workflow/assignee";
import { invalidTransition, type ConversationEvent } from "./conversation-state-machine";
import { wakeSnoozedJob } from "./job-specs";
import { previewOf, type MessageContent } from "./message-content";
import { notifyConversations } from "./notify";
import { writeConversationOutbox, writeMessageOutbox } from "./outbox";
import { transitionConversations, type TransitionedRow } from "./transition";

type Scope = { workspaceId: string };

async function stateOf(db: DbOrTx, workspaceId: string, conversationId: string): Promise<ConversationState> {
  const found = await db.execute<{ state: ConversationState }>(
    sql`SELECT state FROM conversations WHERE id = ${conversationId} AND workspace_id = ${workspaceId}`,
  );
  if (!found.rows[0]) throw notFound("That conversation");
  return found.rows[0].state;
}

/** A single-conversation transition that explains itself when it cannot happen. */
async function transitionOne(db: DbOrTx, event: ConversationEvent, input: Scope & { conversationId: string }, set: ReturnType<typeof sql>): Promise<TransitionedRow> {
  const [row] = await transitionConversations(db, event, [input.conversationId], { workspaceId: input.workspaceId, set });
  if (row) return row;
  throw invalidTransition(await stateOf(db, input.workspaceId, input.conversationId), event);
}

/** Checks that a user or team can take conversations in this workspace. */
export async function assertAssigneeInWorkspace(db: DbOrTx, workspaceId: string, assignee: Assignee): Promise<void> {
  if (assignee.type === "user") {
    const found = await db.execute(sql`SELECT 1 FROM memberships WHERE workspace_id = ${workspaceId} AND user_id = ${assignee.userId}`);
    if (found.rows.length === 0) throw notFound("That agent");
  }
  if (assignee.type === "team") {
    const found = await db.execute(sql`SELECT 1 FROM teams WHERE workspace_id = ${workspaceId} AND id = ${assignee.teamId}`);
    if (found.rows.length === 0) throw notFound("That team");
  }
}

/**
 * Assigns conversations. A campaign has not opened yet, so its assignment is remembered and
 * applied when it opens; an open, snoozed or closed one is assigned now. High Priority means
 * unassigned in the High Priority queue. Returns the ids that exist in the workspace.
 */
export async function assignConversations(db: DbOrTx, input: Scope & { conversationIds: readonly string[]; assignee: Assignee }): Promise<string[]> {
  if (input.conversationIds.length === 0) return [];
  const a = input.assignee;
  const userId = a.type === "user" ? a.userId : null;
  const teamId = a.type === "team" ? a.teamId : null;
  const updated = await db.execute<{ id: string; state: ConversationState }>(sql`
    UPDATE conversations SET
      assign_on_open = CASE WHEN state = 'campaign' THEN ${JSON.stringify(a)}::jsonb ELSE assign_on_open END,
      assignee_user_id = CASE WHEN state = 'campaign' THEN assignee_user_id ELSE ${userId}::uuid END,
      assignee_team_id = CASE WHEN state = 'campaign' THEN assignee_team_id ELSE ${teamId}::uuid END,
      priority = CASE WHEN state = 'campaign' THEN priority WHEN ${a.type === "high_priority"} THEN 'high'::priority ELSE priority END,
      updated_at = now()
    WHERE id = ANY(${uuidArray(input.conversationIds)}) AND workspace_id = ${input.workspaceId}
    RETURNING id, state`);
  const visible = updated.rows.filter((row) => row.state !== "campaign");
  await notifyConversations(db, "conversation.assigned", visible.map((row) => ({ workspaceId: input.workspaceId, conversationId: row.id })));
  return updated.rows.map((row) => row.id);
}

export async function assignConversation(
  input: Scope & { conversationId: string; assignee: Assignee },
  db: DbOrTx = getDb(),
): Promise<void> {
  await db.transaction(async (tx) => {
    await assertAssigneeInWorkspace(tx, input.workspaceId, input.assignee);
    const done = await assignConversations(tx, { ...input, conversationIds: [input.conversationId] });
    if (done.length === 0) throw notFound("That conversation");
  });
}

export async function setConversationPriority(
  input: Scope & { conversationId: string; priority: "normal" | "high" },
  db: DbOrTx = getDb(),
): Promise<void> {
  await db.transaction(async (tx) => {
    const updated = await tx.execute(sql`
      UPDATE conversations SET priority = ${input.priority}::priority, updated_at = now()
      WHERE id = ${input.conversationId} AND workspace_id = ${input.workspaceId} RETURNING id`);
    if (updated.rows.length === 0) throw notFound("That conversation");
    await notifyConversations(tx, "conversation.priority_changed", [{ workspaceId: input.workspaceId, conversationId: input.conversationId }]);
  });
}

export type NoteInput = {
  conversationId: string;
  content: MessageContent;
  author: { userId: string | null; name: string | null; type?: "agent" | "system" };
  dedupeKey?: string;
};

/** Adds internal notes (never shown to contacts) in one statement; a note with a seen dedupe key is skipped. */
export async function addNotes(db: DbOrTx, workspaceId: string, notes: readonly NoteInput[]): Promise<string[]> {
  if (notes.length === 0) return [];
  const rows = notes.map((note) => ({
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
  const inserted = await db.execute<{ id: string; conversation_id: string }>(sql`
    INSERT INTO messages (id, workspace_id, conversation_id, kind, author_type, author_user_id, author_name, body, html, text, dedupe_key)
    SELECT n.id, c.workspace_id, c.id, 'note', n.author_type::author_type, n.author_user_id, n.author_name, n.body, n.html, n.text, n.dedupe_key
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS n(id uuid, conversation_id uuid, author_type text,
      author_user_id uuid, author_name text, body jsonb, html text, text text, dedupe_key text)
    JOIN conversations c ON c.id = n.conversation_id AND c.workspace_id = ${workspaceId}
    ON CONFLICT (conversation_id, dedupe_key) DO NOTHING
    RETURNING id, conversation_id`);
  await notifyConversations(db, "message.created", inserted.rows.map((row) => ({ workspaceId, conversationId: row.conversation_id })));
  return inserted.rows.map((row) => row.id);
}

/** The conversation's contact and delivery details, with the name of the user when given (NULL unless a member). */
async function conversationContext(db: DbOrTx, workspaceId: string, conversationId: string, userId: string | null) {
  const found = await db.execute<{
    first_name: string | null; last_name: string | null; email: string | null; phone: string | null; company: string | null;
    attributes: Record<string, unknown>; customer_destination: string | null; third_party: boolean; user_name: string | null;
  }>(sql`
    SELECT ct.first_name, ct.last_name, ct.email, ct.phone, ct.company, ct.attributes, c.customer_destination, c.third_party,
      (SELECT u.name FROM users u JOIN memberships m ON m.user_id = u.id AND m.workspace_id = c.workspace_id WHERE u.id = ${userId}::uuid) AS user_name
    FROM conversations c JOIN contacts ct ON ct.id = c.contact_id
    WHERE c.id = ${conversationId} AND c.workspace_id = ${workspaceId}`);
  const row = found.rows[0];
  if (!row) throw notFound("That conversation");
  return row;
}

type ConversationContext = Awaited<ReturnType<typeof conversationContext>>;

async function senderContext(db: DbOrTx, workspaceId: string, conversationId: string, userId: string): Promise<ConversationContext> {
  const row = await conversationContext(db, workspaceId, conversationId, userId);
  if (row.user_name === null) throw notFound("That agent");
  return row;
}

function renderForContact(doc: RichTextDocument, row: ConversationContext, senderName: string | null): MessageContent {
  const rendered = renderMessage(doc, {
    contact: { firstName: row.first_name, lastName: row.last_name, email: row.email, phone: row.phone, company: row.company, attributes: row.attributes },
    sender: { name: senderName },
  });
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
  tx: DbOrTx,
  input: Scope & {
    conversationId: string; authorType: "agent" | "bot"; authorUserId: string | null; authorName: string | null;
    content: MessageContent; thirdParty: boolean; dedupeKey?: string;
  },
): Promise<{ messageId: string }> {
  const { content } = input;
  const messageId = timeOrderedId();
  const inserted = await tx.execute(sql`
    INSERT INTO messages (id, workspace_id, conversation_id, kind, author_type, author_user_id, author_name, body, html, text, dedupe_key)
    VALUES (${messageId}, ${input.workspaceId}, ${input.conversationId}, 'message', ${input.authorType}::author_type, ${input.authorUserId}::uuid, ${input.authorName},
      ${JSON.stringify(content.json)}::jsonb, ${content.html}, ${content.text}, ${input.dedupeKey ?? null})
    ON CONFLICT (conversation_id, dedupe_key) DO NOTHING RETURNING id`);
  if (inserted.rows.length === 0) return { messageId: "" };
  await tx.execute(sql`
    UPDATE conversations SET last_message_at = now(), last_message_preview = ${previewOf(content.text)}, waiting_since = NULL, updated_at = now()
    WHERE id = ${input.conversationId}`);
  await notifyConversations(tx, "message.created", [{ workspaceId: input.workspaceId, conversationId: input.conversationId }]);
  if (input.thirdParty) await writeMessageOutbox(tx, [messageId]);
  return { messageId };
}

/** An agent answers (kind message, delivered) or writes a note; the contact is no longer waiting. */
export async function postAgentMessage(
  input: Scope & { conversationId: string; userId: string; kind: "message" | "note"; body: RichTextDocument; dedupeKey?: string },
  db: DbOrTx = getDb(),
): Promise<{ messageId: string }> {
  return db.transaction(async (tx) => {
    const context = await senderContext(tx, input.workspaceId, input.conversationId, input.userId);
    const content = renderForContact(input.body, context, context.user_name);
    if (input.kind === "note") {
      const [id] = await addNotes(tx, input.workspaceId, [
        { conversationId: input.conversationId, content, author: { userId: input.userId, name: context.user_name }, dedupeKey: input.dedupeKey },
      ]);
      return { messageId: id ?? "" };
    }
    return insertOutgoingMessage(tx, {
      workspaceId: input.workspaceId, conversationId: input.conversationId, authorType: "agent", authorUserId: input.userId,
      authorName: context.user_name, content, thirdParty: context.third_party, dedupeKey: input.dedupeKey,
    });
  });
}

/** A named third-party bot answers (delivered; bots write no notes); {{sender.name}} is the bot's name. */
export async function postBotMessage(
  input: Scope & { conversationId: string; name: string; body: RichTextDocument; dedupeKey?: string },
  db: DbOrTx = getDb(),
): Promise<{ messageId: string }> {
  return db.transaction(async (tx) => {
    const context = await conversationContext(tx, input.workspaceId, input.conversationId, null);
    const content = renderForContact(input.body, context, input.name);
    return insertOutgoingMessage(tx, {
      workspaceId: input.workspaceId, conversationId: input.conversationId, authorType: "bot", authorUserId: null,
      authorName: input.name, content, thirdParty: context.third_party, dedupeKey: input.dedupeKey,
    });
  });
}

/** Closes conversations (a campaign too); returns the ids that closed. */
export async function closeConversations(db: DbOrTx, workspaceId: string, conversationIds: readonly string[]): Promise<string[]> {
  const closed = await transitionConversations(db, "close", conversationIds, { workspaceId, set: sql`closed_at = now(), snoozed_until = NULL` });
  await notifyConversations(db, "conversation.closed", closed.map((row) => ({ workspaceId, conversationId: row.id })));
  await writeConversationOutbox(db, "conversation.closed", closed.filter((row) => row.third_party).map((row) => row.id));
  return closed.map((row) => row.id);
}

export async function closeConversation(input: Scope & { conversationId: string }, db: DbOrTx = getDb()): Promise<void> {
  await db.transaction(async (tx) => {
    const closed = await closeConversations(tx, input.workspaceId, [input.conversationId]);
    if (closed.length === 0) throw invalidTransition(await stateOf(tx, input.workspaceId, input.conversationId), "close");
  });
}

/** Reopens a closed conversation into the inbox (one closed while still a campaign opens for the first time). */
export async function reopenConversation(input: Scope & { conversationId: string }, db: DbOrTx = getDb()): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await transitionOne(tx, "reopen", input, sql`closed_at = NULL, opened_at = coalesce(opened_at, now())`);
    await notifyConversations(tx, "conversation.reopened", [{ workspaceId: row.workspace_id, conversationId: row.id }]);
  });
}

/** Snoozes an open conversation until a time; a job at that time wakes it (if nothing did sooner). */
export async function snoozeConversation(input: Scope & { conversationId: string; until: Date }, db: DbOrTx = getDb()): Promise<void> {
  if (!(input.until.getTime() > Date.now())) throw new SafeError("invalid_snooze", "Choose a time in the future.");
  await db.transaction(async (tx) => {
    const row = await transitionOne(tx, "snooze", input, sql`snoozed_until = ${input.until.toISOString()}::timestamptz`);
    await notifyConversations(tx, "conversation.snoozed", [{ workspaceId: row.workspace_id, conversationId: row.id }]);
    await enqueue(tx, wakeSnoozedJob, { conversationId: row.id }, { runAt: input.until });
  });
}

/** The snooze job: wakes the conversation only if it is still snoozed and its time has come. */
export async function wakeSnoozedConversation(conversationId: string, db: DbOrTx = getDb()): Promise<boolean> {
  return db.transaction(async (tx) => {
    // A conversation snoozed again to a later time keeps sleeping: this job was for the old time.
    const [row] = await transitionConversations(tx, "wake", [conversationId], {
      set: sql`snoozed_until = NULL`,
      where: sql`snoozed_until <= now()`,
    });
    if (!row) return false;
    await notifyConversations(tx, "conversation.woken", [{ workspaceId: row.workspace_id, conversationId: row.id }]);
    return true;
  });
}
