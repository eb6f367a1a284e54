import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import { attributeTypesOf } from "@/lib/contacts/attribute-definitions";
import { contactDisplayName } from "@/lib/contacts/display-name";
import { searchContacts } from "@/lib/db/queries/contacts";
import { contacts } from "@/lib/db/schema/contacts";
import { memberships, users } from "@/lib/db/schema/workspaces";
import type { RichTextDocument } from "@/lib/rich-text/document-schema";
import { previewMessage } from "@/lib/rich-text/render";
import { collectVariables, isBuiltInVariable, isCustomAttributeKey } from "@/lib/rich-text/variables";
import type { ServiceContext } from "@/lib/services/service-context";
import { renderContextFor } from "@/lib/workflow/engine/personalize";
import type { PreviewMessageInput, SearchPreviewContactsInput } from "./message-preview.validation";

export type PreviewContact = { id: string; name: string; email: string | null };

export type MessagePreviewResult = {
  html: string;
  missing: string[];
  invalid: string[];
  contact: PreviewContact | null;
};

const previewColumns = {
  id: contacts.id,
  first_name: contacts.firstName,
  last_name: contacts.lastName,
  email: contacts.email,
  phone: contacts.phone,
  company: contacts.company,
  attributes: contacts.attributes,
};

const BUILT_IN_COLUMNS: Record<string, SQL> = {
  first_name: sql`${contacts.firstName}`,
  last_name: sql`${contacts.lastName}`,
  email: sql`${contacts.email}`,
  phone: sql`${contacts.phone}`,
  company: sql`${contacts.company}`,
};

/** 1 when the contact has a value for this variable (what the renderer would fill in), else 0. */
function filled(name: string): SQL | null {
  const column = BUILT_IN_COLUMNS[name];
  if (column) return sql`(nullif(trim(${column}), '') IS NOT NULL)::int`;
  if (isBuiltInVariable(name) || !isCustomAttributeKey(name)) return null; // session.id, sender.name: not the contact's
  const key = sql`${name}::text`;
  return sql`CASE jsonb_typeof(${contacts.attributes} -> ${key})
    WHEN 'number' THEN 1 WHEN 'boolean' THEN 1
    WHEN 'string' THEN (nullif(trim(${contacts.attributes} ->> ${key}), '') IS NOT NULL)::int
    ELSE 0 END`;
}

/**
 * The contact a preview is rendered for when the builder has not chosen one: the one with values
 * for the most of the message's variables, so the preview shows the message as intended. Ties go
 * to a named contact, then by name: the same contact on every visit until the data changes.
 */
async function defaultPreviewContact(ctx: ServiceContext, message: RichTextDocument) {
  const scores = collectVariables(message).map(filled).filter((score): score is SQL => score !== null);
  const named = sql`(nullif(trim(concat_ws(' ', ${contacts.firstName}, ${contacts.lastName})), '') IS NOT NULL)`;
  const order = [desc(named), asc(sql`lower(${contacts.firstName})`), asc(sql`lower(${contacts.lastName})`), asc(contacts.id)];
  if (scores.length) order.unshift(desc(sql.join(scores, sql` + `)));
  const [contact] = await ctx.tx
    .select(previewColumns)
    .from(contacts)
    .where(eq(contacts.workspaceId, ctx.workspace.id))
    .orderBy(...order)
    .limit(1);
  return contact;
}

/**
 * The builder's live preview: the message rendered for one real contact (the one chosen, or the
 * default above) by the same server renderer the engine sends with, with variables that would be
 * empty marked in place.
 */
export async function previewMessageForContact(ctx: ServiceContext, input: PreviewMessageInput): Promise<MessagePreviewResult> {
  const [chosen] = input.contactId
    ? await ctx.tx
        .select(previewColumns)
        .from(contacts)
        .where(and(eq(contacts.workspaceId, ctx.workspace.id), eq(contacts.id, input.contactId)))
    : [];
  // A chosen contact that was deleted since falls back to the default rather than to nothing.
  const contact = chosen ?? (await defaultPreviewContact(ctx, input.message));
  let senderName: string | null = null;
  if (input.senderUserId) {
    const [sender] = await ctx.tx
      .select({ name: users.name })
      .from(users)
      .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.workspaceId, ctx.workspace.id)))
      .where(eq(users.id, input.senderUserId));
    senderName = sender?.name ?? null;
  }
  const context = contact ? renderContextFor(contact, { senderName, attributeTypes: await attributeTypesOf(ctx.tx, ctx.workspace.id) }) : { contact: {}, session: null, sender: { name: senderName } };
  const preview = previewMessage(input.message, context);
  return {
    ...preview,
    contact: contact
      ? { id: contact.id, name: contactDisplayName({ firstName: contact.first_name, lastName: contact.last_name, email: contact.email, phone: contact.phone }), email: contact.email }
      : null,
  };
}

/** Contacts to preview with or test-run on, found by name, email or phone: the contact search. */
export async function searchPreviewContacts(ctx: ServiceContext, input: SearchPreviewContactsInput): Promise<PreviewContact[]> {
  const { items } = await searchContacts({ workspaceId: ctx.workspace.id, query: input.query, page: 1 }, ctx.tx);
  return items.map((contact) => ({ id: contact.id, name: contact.name, email: contact.email }));
}
