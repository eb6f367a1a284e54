import "server-only";
import { and, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { RichTextDocument } from "@/lib/rich-text/document-schema";
import { renderStoredHtml } from "@/lib/rich-text/render";
import { isNodeType } from "@/lib/workflow/node-types";
import { nodeDefinitions } from "@/lib/workflow/registry";
import { getDb, type DbOrTx } from "@/lib/db/client";
import { channels } from "@/lib/db/schema/channels";
import { contacts } from "@/lib/db/schema/contacts";
import { conversations, messages } from "@/lib/db/schema/conversations";
import { emailDeliveries, emailMessages, emailThreads } from "@/lib/db/schema/email";
import { workflows, workflowVersions } from "@/lib/db/schema/workflows";
import { teams, users } from "@/lib/db/schema/workspaces";
import { contactDisplayName } from "@/lib/contacts/display-name";
import { contactIsLive } from "@/lib/contacts/live-contact";
import { agentAttachmentPath, attachmentsOfMessages, type ShownAttachment } from "./message-attachments";

export type ThreadConversation = {
  id: string;
  state: "campaign" | "open" | "snoozed" | "closed";
  origin: "inbound" | "workflow" | "api";
  direction: "to_contact" | "from_contact";
  priority: "normal" | "high";
  openedAt: Date | null;
  snoozedUntil: Date | null;
  createdAt: Date;
  contactId: string;
  contactName: string;
  contactEmail: string | null;
  channelName: string;
  /** An email conversation's subject; null for other channels (and an email thread without one). */
  emailSubject: string | null;
  workflowId: string | null;
  workflowName: string | null;
  nodeId: string | null;
  nodeLabel: string | null;
  assigneeUserId: string | null;
  assigneeName: string | null;
  assigneeAvatarUrl: string | null;
  assigneeTeamId: string | null;
  assigneeTeamName: string | null;
  customerIdentifier: string | null;
};

export type ThreadMessage = {
  id: string;
  kind: "message" | "note";
  authorType: "contact" | "agent" | "bot" | "system";
  authorName: string;
  authorAvatarUrl: string | null;
  /** Rendered on the server from the stored document at read time; never HTML from a client. */
  html: string;
  attachments: ShownAttachment[];
  createdAt: Date;
  /** An emailed message's original as received (a download for agents of the workspace), or null. */
  originalEmailUrl: string | null;
  /** A message that was to be emailed and was not (skipped, or failed for good), with why; null otherwise. */
  emailProblem: { status: "skipped" | "failed"; reason: string } | null;
};

const THREAD_MESSAGE_LIMIT = 500;

/** The node that started a workflow conversation, named by its type's label in the frozen version. */
async function nodeLabel(workspaceId: string, versionId: string | null, nodeId: string | null): Promise<string | null> {
  if (!versionId || !nodeId) return null;
  const result = await getDb().execute<{ type: string | null }>(sql`
    SELECT n->>'type' AS type
    FROM ${workflowVersions} v, jsonb_array_elements(v.graph->'nodes') n
    WHERE v.id = ${versionId} AND v.workspace_id = ${workspaceId} AND n->>'id' = ${nodeId}
    LIMIT 1`);
  const type = result.rows[0]?.type;
  return type && isNodeType(type) ? nodeDefinitions[type].label : null;
}

/** A conversation of this workspace (any state, campaigns included), or null: "not found". */
export async function getThreadConversation(workspaceId: string, conversationId: string): Promise<ThreadConversation | null> {
  const assignee = alias(users, "assignee");
  const [row] = await getDb()
    .select({
      id: conversations.id,
      state: conversations.state,
      origin: conversations.origin,
      direction: conversations.direction,
      priority: conversations.priority,
      openedAt: conversations.openedAt,
      snoozedUntil: conversations.snoozedUntil,
      createdAt: conversations.createdAt,
      contactId: conversations.contactId,
      firstName: contacts.firstName,
      lastName: contacts.lastName,
      email: contacts.email,
      phone: contacts.phone,
      channelName: channels.name,
      emailSubject: emailThreads.subject,
      workflowId: conversations.workflowId,
      workflowName: workflows.name,
      workflowVersionId: conversations.workflowVersionId,
      nodeId: conversations.nodeId,
      assigneeUserId: conversations.assigneeUserId,
      assigneeName: assignee.name,
      assigneeAvatarUrl: assignee.avatarUrl,
      assigneeTeamId: conversations.assigneeTeamId,
      assigneeTeamName: teams.name,
      customerIdentifier: conversations.customerIdentifier,
    })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .leftJoin(emailThreads, and(eq(emailThreads.conversationId, conversations.id), eq(channels.kind, "email")))
    .leftJoin(workflows, eq(workflows.id, conversations.workflowId))
    .leftJoin(assignee, eq(assignee.id, conversations.assigneeUserId))
    .leftJoin(teams, eq(teams.id, conversations.assigneeTeamId))
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, conversationId), contactIsLive()));
  if (!row) return null;
  const { firstName, lastName, email, phone, workflowVersionId, emailSubject, ...rest } = row;
  return {
    ...rest,
    emailSubject: emailSubject || null,
    contactName: contactDisplayName({ firstName, lastName, email, phone }),
    contactEmail: email,
    nodeLabel: row.origin === "workflow" ? await nodeLabel(workspaceId, workflowVersionId, row.nodeId) : null,
  };
}

/** The messages a thread opens with; older ones come a page at a time as the agent scrolls up. */
export const THREAD_PAGE_SIZE = 50;

export type ThreadPage = { messages: ThreadMessage[]; hasOlder: boolean };

/**
 * A page of a conversation's messages and notes, oldest first within it: the latest ones, or the
 * ones just before `before` (a message of the same conversation), with each author's name and
 * avatar. Read newest-first on (conversation_id, created_at) so the page costs its own size.
 */
export async function listThreadPage(
  workspaceId: string,
  conversationId: string,
  options: { before?: string | null; limit?: number; db?: DbOrTx } = {},
): Promise<ThreadPage> {
  const limit = options.limit ?? THREAD_PAGE_SIZE;
  const where = [eq(messages.workspaceId, workspaceId), eq(messages.conversationId, conversationId)];
  if (options.before) {
    where.push(
      sql`(${messages.createdAt}, ${messages.id}) < (SELECT b.created_at, b.id FROM ${messages} b WHERE b.id = ${options.before} AND b.conversation_id = ${conversationId} AND b.workspace_id = ${workspaceId})`,
    );
  }
  const rows = await (options.db ?? getDb())
    .select({
      id: messages.id,
      kind: messages.kind,
      authorType: messages.authorType,
      authorName: messages.authorName,
      userName: users.name,
      userAvatarUrl: users.avatarUrl,
      contactFirstName: contacts.firstName,
      contactLastName: contacts.lastName,
      contactEmail: contacts.email,
      contactPhone: contacts.phone,
      body: messages.body,
      createdAt: messages.createdAt,
      originalFileId: emailMessages.rawFileId,
      deliveryStatus: emailDeliveries.status,
      deliveryError: emailDeliveries.error,
    })
    .from(messages)
    .leftJoin(users, eq(users.id, messages.authorUserId))
    .leftJoin(emailMessages, and(eq(emailMessages.messageId, messages.id), isNotNull(emailMessages.rawFileId)))
    .leftJoin(emailDeliveries, and(eq(emailDeliveries.messageId, messages.id), inArray(emailDeliveries.status, ["skipped", "failed"])))
    .leftJoin(contacts, eq(contacts.id, messages.authorContactId))
    .where(and(...where))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit).reverse();
  const files = await attachmentsOfMessages(options.db ?? getDb(), workspaceId, page.map((row) => row.id));
  return {
    hasOlder: rows.length > limit,
    messages: page.map((row) => ({
      id: row.id,
      kind: row.kind,
      authorType: row.authorType,
      authorName:
        row.authorType === "contact"
          ? contactDisplayName({ firstName: row.contactFirstName, lastName: row.contactLastName, email: row.contactEmail, phone: row.contactPhone })
          : (row.userName ?? row.authorName ?? (row.authorType === "bot" ? "Bot" : "Parley")),
      authorAvatarUrl: row.userAvatarUrl ?? null,
      html: renderStoredHtml(row.body as RichTextDocument),
      attachments: (files.get(row.id) ?? []).map((file) => ({ ...file, url: agentAttachmentPath(workspaceId, file.id) })),
      createdAt: row.createdAt,
      originalEmailUrl: row.originalFileId ? `/api/workspaces/${workspaceId}/messages/${row.id}/original-email` : null,
      emailProblem: row.deliveryStatus === "skipped" || row.deliveryStatus === "failed" ? { status: row.deliveryStatus, reason: row.deliveryError ?? "" } : null,
    })),
  };
}

/** A conversation's latest messages and notes (up to 500), oldest first. */
export async function listThreadMessages(workspaceId: string, conversationId: string): Promise<ThreadMessage[]> {
  return (await listThreadPage(workspaceId, conversationId, { limit: THREAD_MESSAGE_LIMIT })).messages;
}
