import { sql } from "drizzle-orm";
import { bulkRows, type BulkColumnType } from "@/lib/db/bulk-rows";
import { columnName, insertColumns } from "@/lib/db/insert-columns";
import { conversations, messages } from "@/lib/db/schema/conversations";
import { jsonbParam, uuidArray } from "@/lib/db/sql-params";
import { timeOrderedId } from "@/lib/db/time-ordered-id";
import type { ServiceContext } from "@/lib/services/service-context";
import { previewOf, type MessageContent } from "./message-content";
import { notifyConversations } from "./notify";
import { openConversations } from "./open-conversation";
import { channelsWithIntegration, writeConversationOutbox, writeMessageOutbox } from "./outbox";

type ConversationInsert = typeof conversations.$inferInsert;
type MessageInsert = typeof messages.$inferInsert;

export type StartConversationInput = {
  contactId: string;
  channelId: string;
  origin: Extract<ConversationInsert["origin"], "workflow" | "api">;
  /** The run and node that start it; (runId, nodeId) is unique, which makes a retried node a no-op. */
  source?: { workflowId: string; versionId: string; runId: string; nodeId: string } | null;
  direction: NonNullable<ConversationInsert["direction"]>;
  startWith: NonNullable<MessageInsert["kind"]>;
  /** Already personalised (renderMessage): stored as is. */
  content: MessageContent;
  openMode: NonNullable<ConversationInsert["openMode"]>;
  sender: { userId: string | null; name: string | null };
  /** Applied when the conversation opens. */
  assignOnOpen: NonNullable<ConversationInsert["assignOnOpen"]>;
  /** The contact's own name (contactPersonalName), signing a From Contact message. */
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
  /**
   * A workflow's first message to the contact has a delivery status (lib/outreach-status): it
   * starts "sent" where writing it is sending it (a chat), else "queued" for its outbox.
   */
  outreach?: "queued" | "sent" | null;
};

export type StartConversationsInput = {
  conversations: readonly StartConversationInput[];
  /**
   * Every input's run is being entered in this transaction, so no conversation can exist for
   * it yet: a plain INSERT, without ON CONFLICT's speculative insertion (a fan-out's hot path).
   */
  newRuns?: boolean;
};

export type StartedConversation = { conversationId: string; messageId: string | null; created: boolean };

// The columns each new row writes, named by the schema's own keys: renaming one fails to compile
// here, and the SQL below takes each column's database name from the schema.
type ConversationRow = Required<
  Pick<
    ConversationInsert,
    | "id" | "workspaceId" | "contactId" | "channelId" | "origin" | "workflowId" | "workflowVersionId" | "runId" | "nodeId"
    | "direction" | "openMode" | "assignOnOpen" | "senderUserId" | "customerDestination" | "customerIdentifier" | "externalRef"
    | "thirdParty" | "lastMessagePreview" | "outreachStatus"
  >
> & {
  /** Not a column: a From Contact message reads as the contact waiting for an answer (waiting_since). */
  waiting: boolean;
};
type MessageRow = Required<
  Pick<MessageInsert, "id" | "conversationId" | "workspaceId" | "kind" | "authorType" | "authorUserId" | "authorContactId" | "authorName" | "dedupeKey" | "searchable">
>;

/** One input, as the rows it writes plus what the statements after the inserts need. */
type Planned = {
  conversation: ConversationRow;
  message: MessageRow;
  content: MessageContent;
  announce: boolean;
};

const CONVERSATION_COLUMNS = {
  id: "uuid",
  workspaceId: "uuid",
  contactId: "uuid",
  channelId: "uuid",
  origin: "text",
  workflowId: "uuid",
  workflowVersionId: "uuid",
  runId: "uuid",
  nodeId: "text",
  direction: "text",
  openMode: "text",
  assignOnOpen: "jsonb",
  senderUserId: "uuid",
  customerDestination: "text",
  customerIdentifier: "text",
  externalRef: "text",
  thirdParty: "boolean",
  lastMessagePreview: "text",
  outreachStatus: "text",
  waiting: "boolean",
} as const satisfies Record<keyof ConversationRow, BulkColumnType>;

const MESSAGE_COLUMNS = {
  id: "uuid",
  conversationId: "uuid",
  workspaceId: "uuid",
  kind: "text",
  authorType: "text",
  authorUserId: "uuid",
  authorContactId: "uuid",
  authorName: "text",
  dedupeKey: "text",
  searchable: "boolean",
} as const satisfies Record<keyof MessageRow, BulkColumnType>;

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

function plan(workspaceId: string, input: StartConversationInput): Planned {
  const fromContact = input.direction === "from_contact" && input.startWith === "message";
  const conversationId = timeOrderedId();
  return {
    conversation: {
      id: conversationId,
      workspaceId,
      contactId: input.contactId,
      channelId: input.channelId,
      origin: input.origin,
      workflowId: input.source?.workflowId ?? null,
      workflowVersionId: input.source?.versionId ?? null,
      runId: input.source?.runId ?? null,
      nodeId: input.source?.nodeId ?? null,
      direction: input.direction,
      openMode: input.openMode,
      assignOnOpen: input.assignOnOpen,
      senderUserId: input.sender.userId,
      customerDestination: input.customerDestination || null,
      customerIdentifier: input.customerIdentifier || null,
      externalRef: input.externalRef ?? null,
      thirdParty: input.thirdParty,
      lastMessagePreview: previewFor(input.content),
      outreachStatus: input.outreach ?? null,
      waiting: fromContact,
    },
    message: {
      id: timeOrderedId(),
      conversationId,
      workspaceId,
      kind: input.startWith,
      // From Contact + Message: the contact "wrote" it and nothing is delivered. A note is always the
      // sender's. Without a member behind it (the API with no senderUserId), a message is a bot's,
      // named senderName or the API key, exactly as a bot's message posted to a conversation is.
      authorType: fromContact ? "contact" : input.sender.userId ? "agent" : input.startWith === "note" ? "system" : "bot",
      authorUserId: fromContact ? null : input.sender.userId,
      authorContactId: fromContact ? input.contactId : null,
      authorName: fromContact ? (input.contactName ?? null) : input.sender.name,
      dedupeKey: input.dedupeKey ?? `start:${input.source?.nodeId ?? "api"}`,
      // A campaign's first message enters the search index when the campaign opens, not before.
      searchable: input.openMode === "immediately",
    },
    content: input.content,
    announce: input.announce !== false,
  };
}

/**
 * THE way conversations are started, by a workflow node (a whole batch of contacts at once) or by
 * the public API (origin "api"), in the context's workspace. Each conversation begins as a
 * campaign with its first message or note; "Immediately" then opens it through
 * openConversations, like a reply would. Idempotent: a (run, node) that already started its
 * conversation gets that conversation back, unchanged. Results are in input order.
 *
 * Raw SQL on purpose: this is the fan-out's hot path. A batch of a thousand is two INSERT ...
 * SELECT statements over typed arrays (bulkRows), whatever its size.
 */
export async function startConversations(ctx: ServiceContext, input: StartConversationsInput): Promise<StartedConversation[]> {
  if (input.conversations.length === 0) return [];
  const { tx } = ctx;
  const planned = input.conversations.map((one) => plan(ctx.workspace.id, one));
  const newRuns = input.newRuns === true && planned.every((row) => row.conversation.runId !== null);

  const c = bulkRows(
    planned.map((row) => row.conversation),
    CONVERSATION_COLUMNS,
  );
  const conversation = insertColumns(conversations, {
    id: c.col("id"),
    workspaceId: c.col("workspaceId"),
    contactId: c.col("contactId"),
    channelId: c.col("channelId"),
    origin: sql`${c.col("origin")}::conversation_origin`,
    workflowId: c.col("workflowId"),
    workflowVersionId: c.col("workflowVersionId"),
    runId: c.col("runId"),
    nodeId: c.col("nodeId"),
    direction: sql`${c.col("direction")}::conversation_direction`,
    openMode: sql`${c.col("openMode")}::open_mode`,
    state: sql`'campaign'`,
    assignOnOpen: c.col("assignOnOpen"),
    senderUserId: c.col("senderUserId"),
    customerDestination: c.col("customerDestination"),
    customerIdentifier: c.col("customerIdentifier"),
    externalRef: c.col("externalRef"),
    thirdParty: c.col("thirdParty"),
    lastMessageAt: sql`now()`,
    lastMessagePreview: c.col("lastMessagePreview"),
    waitingSince: sql`CASE WHEN ${c.col("waiting")} THEN now() END`,
    outreachStatus: sql`${c.col("outreachStatus")}::outreach_status`,
    outreachStatusAt: sql`CASE WHEN ${c.col("outreachStatus")} IS NOT NULL THEN now() END`,
    outreachSentAt: sql`CASE WHEN ${c.col("outreachStatus")} = 'sent' THEN now() END`,
    // The moment, not the transaction's start: a workflow's conversation is also its step in the
    // run's log (run_step_log), ordered among the steps this transaction wrote before it.
    createdAt: sql`clock_timestamp()`,
  });
  // Only the row count comes back: a thousand returned ids would cost more to parse than the
  // check below, which runs only when something already existed.
  const inserted = await tx.execute(sql`
    INSERT INTO ${conversations} (${conversation.names})
    SELECT ${conversation.values}
    FROM ${c.from}
    ${newRuns ? sql`` : sql`ON CONFLICT (${columnName(conversations.runId)}, ${columnName(conversations.nodeId)}) DO NOTHING`}`);
  let created: Set<string>;
  if (inserted.rowCount === planned.length) created = new Set(planned.map((row) => row.conversation.id));
  else {
    const present = await tx.execute<{ id: string }>(
      sql`SELECT ${conversations.id} FROM ${conversations} WHERE ${conversations.id} = ANY(${uuidArray(planned.map((row) => row.conversation.id))})`,
    );
    created = new Set(present.rows.map((row) => row.id));
  }

  // A conflict means this (run, node) already has its conversation: hand that one back.
  const conflicted = planned.filter((row) => !created.has(row.conversation.id) && row.conversation.runId !== null);
  const existing = new Map<string, string>();
  if (conflicted.length > 0) {
    const found = await tx.execute<{ id: string; run_id: string; node_id: string }>(sql`
      SELECT c.id, c.run_id, c.node_id FROM conversations c
      JOIN jsonb_to_recordset(${jsonbParam(conflicted.map((row) => ({ run_id: row.conversation.runId, node_id: row.conversation.nodeId })))}) AS k(run_id uuid, node_id text)
        ON c.run_id = k.run_id AND c.node_id = k.node_id
      WHERE c.workspace_id = ${ctx.workspace.id}`);
    for (const row of found.rows) existing.set(`${row.run_id}/${row.node_id}`, row.id);
  }
  const conversationIdOf = (row: Planned) =>
    created.has(row.conversation.id) ? row.conversation.id : existing.get(`${row.conversation.runId}/${row.conversation.nodeId}`)!;

  const newRows = planned.filter((row) => created.has(row.conversation.id));
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
      return { ...row.message, content: index };
    });
    const m = bulkRows(messageRows, { ...MESSAGE_COLUMNS, content: "int" });
    const message = insertColumns(messages, {
      id: m.col("id"),
      workspaceId: m.col("workspaceId"),
      conversationId: m.col("conversationId"),
      kind: sql`${m.col("kind")}::message_kind`,
      authorType: sql`${m.col("authorType")}::author_type`,
      authorUserId: m.col("authorUserId"),
      authorContactId: m.col("authorContactId"),
      authorName: m.col("authorName"),
      body: sql`content.body`,
      html: sql`content.html`,
      text: sql`content.text`,
      dedupeKey: m.col("dedupeKey"),
      searchable: m.col("searchable"),
    });
    // Each of these conversations was created by the statement above, so no message can conflict
    // with its dedupe key yet: no ON CONFLICT.
    await tx.execute(sql`
      INSERT INTO ${messages} (${message.names})
      SELECT ${message.values}
      FROM ${m.from}
      JOIN unnest(${sql.param(contents.map((content) => JSON.stringify(content.json)))}::jsonb[],
        ${sql.param(contents.map((content) => content.html))}::text[], ${sql.param(contents.map((content) => content.text))}::text[])
        WITH ORDINALITY AS content(body, html, text, n) ON content.n = ${m.col("content")}`);

    await notifyConversations(ctx, "conversation.created", newRows.filter((row) => row.announce).map((row) => row.conversation.id));
    const flagged = newRows.filter((row) => row.conversation.thirdParty);
    const integrated = await channelsWithIntegration(ctx, [...new Set(flagged.map((row) => row.conversation.channelId))]);
    const thirdParty = flagged.filter((row) => integrated.has(row.conversation.channelId));
    if (thirdParty.length > 0) {
      await writeConversationOutbox(ctx, { event: "conversation.created", conversationIds: thirdParty.map((row) => row.conversation.id) });
      await writeMessageOutbox(ctx, { messageIds: thirdParty.map((row) => row.message.id) });
    }
    const immediate = newRows.filter((row) => row.conversation.openMode === "immediately").map((row) => row.conversation.id);
    if (immediate.length > 0) await openConversations(ctx, { conversationIds: immediate, reason: "immediately" });
  }

  return planned.map((row) => ({
    conversationId: conversationIdOf(row),
    messageId: created.has(row.conversation.id) ? row.message.id : null,
    created: created.has(row.conversation.id),
  }));
}

/** One conversation (the public API's Start a Conversation): the same path as a node's batch of one. */
export async function startConversation(ctx: ServiceContext, input: StartConversationInput): Promise<StartedConversation> {
  const [result] = await startConversations(ctx, { conversations: [input] });
  return result!;
}
