import { sql } from "drizzle-orm";
import type { Tx } from "../db/client";
import type { AssignOnOpen } from "../db/schema/conversations";
import { bulkRows, type BulkColumnType } from "../db/bulk-rows";
import { timeOrderedId } from "../db/time-ordered-id";
import { jsonbParam, uuidArray } from "../db/sql-params";
import { previewOf, type MessageContent } from "./message-content";
import { notifyConversations } from "./notify";
import { openConversations } from "./open-conversation";
import { channelsWithIntegration, writeConversationOutbox, writeMessageOutbox } from "./outbox";

export type StartConversationInput = {
  workspaceId: string;
  contactId: string;
  channelId: string;
  origin: "workflow" | "api";
  /** The run and node that start it; (runId, nodeId) is unique, which makes a retried node a no-op. */
  source?: { workflowId: string; versionId: string; runId: string; nodeId: string } | null;
  direction: "to_contact" | "from_contact";
  startWith: "message" | "note";
  /** Already personalised (renderMessage): stored as is. */
  content: MessageContent;
  openMode: "immediately" | "after_reply";
  sender: { userId: string | null; name: string | null };
  /** Applied when the conversation opens. */
  assignOnOpen: AssignOnOpen;
  contactName?: string | null;
  customerDestination?: string | null;
  customerIdentifier?: string | null;
  externalRef?: string | null;
  thirdParty: boolean;
  /** Makes a resent first message land once; defaults to the node that sent it. */
  dedupeKey?: string;
  /**
   * NOTIFY conversation.created (default true). A bulk audience send passes false: a hundred
   * thousand quiet campaigns would flood every live listener with events nobody is watching.
   * Opening a conversation always notifies.
   */
  announce?: boolean;
};

export type StartedConversation = { conversationId: string; messageId: string | null; created: boolean };

const CONVERSATION_COLUMNS = {
  id: "uuid",
  workspace_id: "uuid",
  contact_id: "uuid",
  channel_id: "uuid",
  origin: "text",
  workflow_id: "uuid",
  workflow_version_id: "uuid",
  run_id: "uuid",
  node_id: "text",
  direction: "text",
  open_mode: "text",
  assign_on_open: "jsonb",
  sender_user_id: "uuid",
  customer_destination: "text",
  customer_identifier: "text",
  external_ref: "text",
  third_party: "boolean",
  preview: "text",
  waiting: "boolean",
} as const satisfies Record<string, BulkColumnType>;

const MESSAGE_COLUMNS = {
  id: "uuid",
  conversation_id: "uuid",
  workspace_id: "uuid",
  kind: "text",
  author_type: "text",
  author_user_id: "uuid",
  author_contact_id: "uuid",
  author_name: "text",
  dedupe_key: "text",
  content: "int",
} as const satisfies Record<string, BulkColumnType>;

type Row = {
  id: string;
  message_id: string;
  workspace_id: string;
  contact_id: string;
  channel_id: string;
  origin: string;
  workflow_id: string | null;
  workflow_version_id: string | null;
  run_id: string | null;
  node_id: string | null;
  direction: string;
  open_mode: string;
  assign_on_open: AssignOnOpen;
  sender_user_id: string | null;
  customer_destination: string | null;
  customer_identifier: string | null;
  external_ref: string | null;
  third_party: boolean;
  preview: string;
  waiting: boolean;
  kind: "message" | "note";
  author_type: "agent" | "contact";
  author_user_id: string | null;
  author_contact_id: string | null;
  author_name: string | null;
  content: MessageContent;
  dedupe_key: string;
  announce: boolean;
};

// Contents are shared between contacts whose personalised message is the same; so are previews.
const previews = new WeakMap<MessageContent, string>();
function previewFor(content: MessageContent): string {
  let preview = previews.get(content);
  if (preview === undefined) {
    preview = previewOf(content.text);
    previews.set(content, preview);
  }
  return preview;
}

function toRow(input: StartConversationInput): Row {
  const fromContact = input.direction === "from_contact" && input.startWith === "message";
  return {
    id: timeOrderedId(),
    message_id: timeOrderedId(),
    workspace_id: input.workspaceId,
    contact_id: input.contactId,
    channel_id: input.channelId,
    origin: input.origin,
    workflow_id: input.source?.workflowId ?? null,
    workflow_version_id: input.source?.versionId ?? null,
    run_id: input.source?.runId ?? null,
    node_id: input.source?.nodeId ?? null,
    direction: input.direction,
    open_mode: input.openMode,
    assign_on_open: input.assignOnOpen,
    sender_user_id: input.sender.userId,
    customer_destination: input.customerDestination || null,
    customer_identifier: input.customerIdentifier || null,
    external_ref: input.externalRef ?? null,
    third_party: input.thirdParty,
    preview: previewFor(input.content),
    // A From Contact message reads as the contact waiting for an answer.
    waiting: fromContact,
    kind: input.startWith,
    // From Contact + Message: the contact "wrote" it and nothing is delivered. A note is always the sender's.
    author_type: fromContact ? "contact" : "agent",
    author_user_id: fromContact ? null : input.sender.userId,
    author_contact_id: fromContact ? input.contactId : null,
    author_name: fromContact ? (input.contactName ?? null) : input.sender.name,
    content: input.content,
    dedupe_key: input.dedupeKey ?? `start:${input.source?.nodeId ?? "api"}`,
    announce: input.announce !== false,
  };
}

/**
 * THE way a conversation is started, by a workflow node (a whole batch of contacts at once) or by
 * the public API (origin "api"). Each conversation begins as a campaign with its first message or
 * note; "Immediately" then opens it through openConversations, like a reply would. Idempotent:
 * a (run, node) that already started its conversation gets that conversation back, unchanged.
 * Runs in the caller's transaction; results are in input order.
 */
export async function startConversations(
  tx: Tx,
  inputs: readonly StartConversationInput[],
  options: {
    /**
     * Every input's run is being entered in this transaction, so no conversation can exist for
     * it yet: a plain INSERT, without ON CONFLICT's speculative insertion (a fan-out's hot path).
     */
    newRuns?: boolean;
  } = {},
): Promise<StartedConversation[]> {
  if (inputs.length === 0) return [];
  const rows = inputs.map(toRow);
  const newRuns = options.newRuns === true && rows.every((row) => row.run_id !== null);

  const c = bulkRows(rows, CONVERSATION_COLUMNS);
  // Only the row count comes back: a thousand returned ids would cost more to parse than the
  // check below, which runs only when something already existed.
  const inserted = await tx.execute(sql`
    INSERT INTO conversations (id, workspace_id, contact_id, channel_id, origin, workflow_id, workflow_version_id, run_id, node_id,
      direction, open_mode, state, assign_on_open, sender_user_id, customer_destination, customer_identifier, external_ref,
      third_party, last_message_at, last_message_preview, waiting_since, created_at)
    SELECT ${c.col("id")}, ${c.col("workspace_id")}, ${c.col("contact_id")}, ${c.col("channel_id")}, ${c.col("origin")}::conversation_origin,
      ${c.col("workflow_id")}, ${c.col("workflow_version_id")}, ${c.col("run_id")}, ${c.col("node_id")},
      ${c.col("direction")}::conversation_direction, ${c.col("open_mode")}::open_mode, 'campaign', ${c.col("assign_on_open")},
      ${c.col("sender_user_id")}, ${c.col("customer_destination")}, ${c.col("customer_identifier")}, ${c.col("external_ref")},
      ${c.col("third_party")}, now(), ${c.col("preview")}, CASE WHEN ${c.col("waiting")} THEN now() END,
      -- The moment, not the transaction's start: a workflow's conversation is also its step in the
      -- run's log (run_step_log), ordered among the steps this transaction wrote before it.
      clock_timestamp()
    FROM ${c.from}
    ${newRuns ? sql`` : sql`ON CONFLICT (run_id, node_id) DO NOTHING`}`);
  let created: Set<string>;
  if (inserted.rowCount === rows.length) created = new Set(rows.map((row) => row.id));
  else {
    const present = await tx.execute<{ id: string }>(sql`SELECT id FROM conversations WHERE id = ANY(${uuidArray(rows.map((row) => row.id))})`);
    created = new Set(present.rows.map((row) => row.id));
  }

  // A conflict means this (run, node) already has its conversation: hand that one back.
  const conflicted = rows.filter((row) => !created.has(row.id) && row.run_id !== null);
  const existing = new Map<string, string>();
  if (conflicted.length > 0) {
    const found = await tx.execute<{ id: string; run_id: string; node_id: string }>(sql`
      SELECT c.id, c.run_id, c.node_id FROM conversations c
      JOIN jsonb_to_recordset(${jsonbParam(conflicted.map((row) => ({ run_id: row.run_id, node_id: row.node_id })))}) AS k(run_id uuid, node_id text)
        ON c.run_id = k.run_id AND c.node_id = k.node_id`);
    for (const row of found.rows) existing.set(`${row.run_id}/${row.node_id}`, row.id);
  }
  const conversationIdOf = (row: Row) => (created.has(row.id) ? row.id : existing.get(`${row.run_id}/${row.node_id}`)!);

  const newRows = rows.filter((row) => created.has(row.id));
  if (newRows.length > 0) {
    // Personalised bodies repeat (a message without variables is the same for everyone): each
    // distinct one is sent once and rows point at it.
    const contents: MessageContent[] = [];
    const contentIndex = new Map<MessageContent, number>();
    const messageRows = newRows.map((row) => {
      let index = contentIndex.get(row.content);
      if (index === undefined) {
        index = contents.push(row.content);
        contentIndex.set(row.content, index);
      }
      return {
        id: row.message_id,
        conversation_id: row.id,
        workspace_id: row.workspace_id,
        kind: row.kind,
        author_type: row.author_type,
        author_user_id: row.author_user_id,
        author_contact_id: row.author_contact_id,
        author_name: row.author_name,
        dedupe_key: row.dedupe_key,
        content: index,
      };
    });
    const m = bulkRows(messageRows, MESSAGE_COLUMNS);
    // Each of these conversations was created by the statement above, so no message can conflict
    // with its dedupe key yet: no ON CONFLICT.
    await tx.execute(sql`
      INSERT INTO messages (id, workspace_id, conversation_id, kind, author_type, author_user_id, author_contact_id, author_name,
        body, html, text, dedupe_key)
      SELECT ${m.col("id")}, ${m.col("workspace_id")}, ${m.col("conversation_id")}, ${m.col("kind")}::message_kind,
        ${m.col("author_type")}::author_type, ${m.col("author_user_id")}, ${m.col("author_contact_id")}, ${m.col("author_name")},
        content.body, content.html, content.text, ${m.col("dedupe_key")}
      FROM ${m.from}
      JOIN unnest(${sql.param(contents.map((content) => JSON.stringify(content.json)))}::jsonb[],
        ${sql.param(contents.map((content) => content.html))}::text[], ${sql.param(contents.map((content) => content.text))}::text[])
        WITH ORDINALITY AS content(body, html, text, n) ON content.n = ${m.col("content")}`);

    const announced = newRows.filter((row) => row.announce);
    await notifyConversations(tx, "conversation.created", announced.map((row) => ({ workspaceId: row.workspace_id, conversationId: row.id })));
    const flagged = newRows.filter((row) => row.third_party);
    const integrated = await channelsWithIntegration(tx, [...new Set(flagged.map((row) => row.channel_id))]);
    const thirdParty = flagged.filter((row) => integrated.has(row.channel_id));
    if (thirdParty.length > 0) {
      await writeConversationOutbox(tx, "conversation.created", thirdParty.map((row) => row.id));
      await writeMessageOutbox(tx, thirdParty.map((row) => row.message_id));
    }
    const immediate = newRows.filter((row) => row.open_mode === "immediately").map((row) => row.id);
    if (immediate.length > 0) await openConversations(tx, immediate, { reason: "immediately" });
  }

  return rows.map((row) => ({
    conversationId: conversationIdOf(row),
    messageId: created.has(row.id) ? row.message_id : null,
    created: created.has(row.id),
  }));
}

export async function startConversation(tx: Tx, input: StartConversationInput): Promise<StartedConversation> {
  const [result] = await startConversations(tx, [input]);
  return result!;
}

