import "server-only";
import { and, asc, desc, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type DbOrTx } from "@/lib/db/client";
import { channels } from "@/lib/db/schema/channels";
import { contacts, type Contact } from "@/lib/db/schema/contacts";
import { conversations, messages } from "@/lib/db/schema/conversations";
import { workflows } from "@/lib/db/schema/workflows";
import { teams, users } from "@/lib/db/schema/workspaces";
import { contactDisplayName } from "@/lib/contacts/display-name";
import { contactListOrder, contactListWhere } from "@/lib/contacts/contact-list-query";
import { contactIsLive } from "@/lib/contacts/live-contact";
import type { AudienceFilter } from "@/lib/workflow/audience/audience-filter";

export const CONTACTS_PAGE_SIZE = 25;

export type ContactListItem = {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  company: string | null;
  tags: string[];
};

/**
 * Contacts of one workspace whose name, email or phone contains the query (ILIKE, on the
 * server), a page at a time, named people first in alphabetical order. The workspace is always in the WHERE. The contacts page and the
 * workflow builder's contact pickers (preview, test run) both search through here.
 */
export async function searchContacts(
  options: { workspaceId: string; query: string; page: number; filter?: AudienceFilter | null },
  db: DbOrTx = getDb(),
): Promise<{ items: ContactListItem[]; hasMore: boolean }> {
  const rows = await db
    .select({
      id: contacts.id,
      firstName: contacts.firstName,
      lastName: contacts.lastName,
      email: contacts.email,
      phone: contacts.phone,
      company: contacts.company,
      tags: contacts.tags,
    })
    .from(contacts)
    .where(contactListWhere(options.workspaceId, { q: options.query, audience: options.filter }))
    .orderBy(...contactListOrder())
    .limit(CONTACTS_PAGE_SIZE + 1)
    .offset(Math.max(0, options.page - 1) * CONTACTS_PAGE_SIZE);
  return {
    items: rows.slice(0, CONTACTS_PAGE_SIZE).map((row) => ({
      id: row.id,
      name: contactDisplayName(row),
      email: row.email,
      phone: row.phone,
      company: row.company,
      tags: row.tags,
    })),
    hasMore: rows.length > CONTACTS_PAGE_SIZE,
  };
}

export async function getContact(workspaceId: string, contactId: string): Promise<(Contact & { name: string }) | null> {
  const [row] = await getDb()
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, contactId), contactIsLive()));
  return row ? { ...row, name: contactDisplayName(row) } : null;
}

export type ContactConversation = {
  id: string;
  state: "campaign" | "open" | "snoozed" | "closed";
  origin: "inbound" | "workflow" | "api";
  openedAt: Date | null;
  createdAt: Date;
  lastMessageAt: Date;
  lastMessagePreview: string;
  workflowName: string | null;
  channelName: string;
  assigneeName: string | null;
  assigneeTeamName: string | null;
};

export type CampaignMessage = {
  conversationId: string;
  state: "campaign" | "closed";
  createdAt: Date;
  workflowName: string | null;
  channelName: string;
  senderName: string | null;
  kind: "message" | "note";
  text: string;
};

const CONTACT_CONVERSATION_LIMIT = 100;

/** The contact's conversations that opened (any status), newest first. */
export async function listContactConversations(workspaceId: string, contactId: string): Promise<ContactConversation[]> {
  const assignee = alias(users, "assignee");
  return getDb()
    .select({
      id: conversations.id,
      state: conversations.state,
      origin: conversations.origin,
      openedAt: conversations.openedAt,
      createdAt: conversations.createdAt,
      lastMessageAt: conversations.lastMessageAt,
      lastMessagePreview: conversations.lastMessagePreview,
      workflowName: workflows.name,
      channelName: channels.name,
      assigneeName: assignee.name,
      assigneeTeamName: teams.name,
    })
    .from(conversations)
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .leftJoin(workflows, eq(workflows.id, conversations.workflowId))
    .leftJoin(assignee, eq(assignee.id, conversations.assigneeUserId))
    .leftJoin(teams, eq(teams.id, conversations.assigneeTeamId))
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.contactId, contactId), isNotNull(conversations.openedAt)))
    .orderBy(desc(conversations.lastMessageAt))
    .limit(CONTACT_CONVERSATION_LIMIT);
}

/**
 * What workflows sent the contact that never became a conversation (unanswered campaigns, and
 * campaigns a workflow closed unanswered): the first message of each, newest first. These appear
 * in no inbox list, only here and in the workflow's counts.
 */
export async function listCampaignMessages(workspaceId: string, contactId: string): Promise<CampaignMessage[]> {
  const sender = alias(users, "sender");
  const campaigns = await getDb()
    .select({
      conversationId: conversations.id,
      state: conversations.state,
      createdAt: conversations.createdAt,
      workflowName: workflows.name,
      channelName: channels.name,
      senderName: sender.name,
    })
    .from(conversations)
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .leftJoin(workflows, eq(workflows.id, conversations.workflowId))
    .leftJoin(sender, eq(sender.id, conversations.senderUserId))
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.contactId, contactId), isNull(conversations.openedAt)))
    .orderBy(desc(conversations.createdAt))
    .limit(CONTACT_CONVERSATION_LIMIT);
  if (campaigns.length === 0) return [];
  // The first message of each (the one the workflow sent), read by index per conversation.
  const firsts = await getDb()
    .selectDistinctOn([messages.conversationId], { conversationId: messages.conversationId, kind: messages.kind, text: messages.text })
    .from(messages)
    .where(and(eq(messages.workspaceId, workspaceId), inArray(messages.conversationId, campaigns.map((c) => c.conversationId))))
    .orderBy(messages.conversationId, asc(messages.createdAt));
  const byConversation = new Map(firsts.map((m) => [m.conversationId, m]));
  return campaigns.map((row) => {
    const first = byConversation.get(row.conversationId);
    return { ...row, state: row.state === "closed" ? "closed" : "campaign", kind: first?.kind ?? "message", text: first?.text ?? "" };
  });
}
