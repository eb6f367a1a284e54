"use server";

import { and, desc, eq, ilike, or, sql } from "drizzle-orm";
import { getDb } from "../db/client";
import { contacts } from "../db/schema/contacts";
import { memberships, users } from "../db/schema/workspaces";
import { previewMessage } from "../rich-text/render";
import { renderContextFor } from "../workflow/engine/personalize";
import { legacyWorkspaceAction as workspaceAction } from "./legacy-action";
import { previewMessageSchema, searchContactsSchema } from "./workflow-builder.validation";

export type PreviewContact = { id: string; name: string; email: string | null };

export type MessagePreviewResult = {
  html: string;
  missing: string[];
  invalid: string[];
  contact: PreviewContact | null;
};

const contactColumns = {
  id: contacts.id,
  first_name: contacts.firstName,
  last_name: contacts.lastName,
  email: contacts.email,
  phone: contacts.phone,
  company: contacts.company,
  attributes: contacts.attributes,
};

function displayName(row: { first_name: string | null; last_name: string | null; email: string | null; phone: string | null }): string {
  const name = [row.first_name, row.last_name].filter(Boolean).join(" ");
  return name || row.email || row.phone || "Unnamed contact";
}

/**
 * The builder's live preview: the message rendered for one real contact by the same server
 * renderer the engine sends with, with variables that would be empty marked in place.
 */
export const previewMessageForContact = workspaceAction(
  { schema: previewMessageSchema, minimumRole: "admin" },
  async ({ message, contactId, senderUserId }, { workspace }): Promise<MessagePreviewResult> => {
    const db = getDb();
    const [contact] = await db
      .select(contactColumns)
      .from(contacts)
      .where(contactId ? and(eq(contacts.workspaceId, workspace.id), eq(contacts.id, contactId)) : eq(contacts.workspaceId, workspace.id))
      .orderBy(desc(contacts.updatedAt))
      .limit(1);
    let senderName: string | null = null;
    if (senderUserId) {
      const [sender] = await db
        .select({ name: users.name })
        .from(users)
        .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.workspaceId, workspace.id)))
        .where(eq(users.id, senderUserId));
      senderName = sender?.name ?? null;
    }
    const context = contact
      ? renderContextFor(contact, { senderName })
      : { contact: {}, session: null, sender: { name: senderName } };
    const preview = previewMessage(message, context);
    return {
      ...preview,
      contact: contact ? { id: contact.id, name: displayName(contact), email: contact.email } : null,
    };
  },
);

/** Contacts to pick from for a preview or a test run: by name, email or phone. */
export const searchContactsForBuilder = workspaceAction(
  { schema: searchContactsSchema, minimumRole: "admin" },
  async ({ query }, { workspace }): Promise<PreviewContact[]> => {
    const pattern = `%${query.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    const rows = await getDb()
      .select(contactColumns)
      .from(contacts)
      .where(
        and(
          eq(contacts.workspaceId, workspace.id),
          query
            ? or(
                ilike(sql`coalesce(${contacts.firstName}, '') || ' ' || coalesce(${contacts.lastName}, '')`, pattern),
                ilike(contacts.email, pattern),
                ilike(contacts.phone, pattern),
              )
            : undefined,
        ),
      )
      .orderBy(desc(contacts.updatedAt))
      .limit(20);
    return rows.map((row) => ({ id: row.id, name: displayName(row), email: row.email }));
  },
);
