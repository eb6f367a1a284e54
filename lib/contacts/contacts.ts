import { and, eq, sql } from "drizzle-orm";
import { contacts, type Contact } from "@/lib/db/schema/contacts";
import { textArray } from "@/lib/db/sql-params";
import { notFound } from "@/lib/errors";
import { audit } from "@/lib/services/audit";
import { lockGoalCandidates, meetGoals } from "@/lib/workflow/engine/goal-events";
import type { ServiceContext } from "@/lib/services/service-context";
import { contactAttributes, contactPhone } from "./contact-fields";
import { writeUniqueContact } from "./contact-uniqueness";
import type { ContactTagInput, CreateContactInput, UpdateContactInput } from "./contacts.validation";

// Tags are matched exactly as spelled (the autocomplete offers the workspace's spellings), like the API and the filters.
const dedupe = (tags: readonly string[]) => [...new Set(tags)];

/** Contacts › New contact: a contact by the same rules as the API's PUT (unique email/phone/external id, typed attributes). */
export async function createContact(ctx: ServiceContext, input: CreateContactInput): Promise<{ id: string }> {
  const phone = contactPhone(input.phone) ?? null;
  const attributes = Object.fromEntries(Object.entries(await contactAttributes(ctx, input.attributes)).filter(([, value]) => value !== null));
  const tags = dedupe(input.tags ?? []);
  const email = input.email ?? null;
  const externalId = input.externalId ?? null;
  const [row] = await writeUniqueContact(ctx, { email, phone, externalId }, null, (tx) =>
    tx
      .insert(contacts)
      .values({ workspaceId: ctx.workspace.id, firstName: input.firstName ?? null, lastName: input.lastName ?? null, company: input.company ?? null, email, phone, externalId, attributes, tags })
      .returning({ id: contacts.id }),
  );
  await audit(ctx, { action: "contact.created", target: { type: "contact", id: row!.id }, data: { fields: changedFieldNames(input) } });
  return { id: row!.id };
}

function changedFieldNames(input: Partial<CreateContactInput>): string[] {
  return Object.entries(input)
    .filter(([key, value]) => key !== "contactId" && value !== undefined)
    .map(([key]) => key);
}

async function lockContact(ctx: ServiceContext, contactId: string): Promise<Contact> {
  // The runs a change may convert are locked before the contact, in the engine's order.
  await lockGoalCandidates(ctx, { kind: "contact_changed", contactIds: [contactId] });
  const [contact] = await ctx.tx
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, ctx.workspace.id), eq(contacts.id, contactId)))
    .for("update");
  if (!contact) throw notFound("That contact");
  return contact;
}

/**
 * Edits a contact on its page: the fields given are set (blank clears one), attributes are merged
 * (null removes one), tags replaced when given. The audit entry names what changed, not the values.
 */
export async function updateContact(ctx: ServiceContext, input: UpdateContactInput): Promise<{ id: string }> {
  await lockContact(ctx, input.contactId);
  const phone = contactPhone(input.phone);
  const attributes = Object.entries(await contactAttributes(ctx, input.attributes));
  const setAttributes = Object.fromEntries(attributes.filter(([, value]) => value !== null));
  const removeAttributes = attributes.filter(([, value]) => value === null).map(([key]) => key);
  const tags = input.tags && dedupe(input.tags);
  const fields = {
    ...(input.firstName !== undefined && { firstName: input.firstName }),
    ...(input.lastName !== undefined && { lastName: input.lastName }),
    ...(input.company !== undefined && { company: input.company }),
    ...(input.email !== undefined && { email: input.email }),
    ...(phone !== undefined && { phone }),
    ...(input.externalId !== undefined && { externalId: input.externalId }),
    ...(tags !== undefined && { tags }),
  };
  await writeUniqueContact(ctx, { email: input.email, phone, externalId: input.externalId }, { id: input.contactId }, (tx) =>
    tx
      .update(contacts)
      .set({
        ...fields,
        ...(attributes.length > 0 && { attributes: sql`(${contacts.attributes} || ${JSON.stringify(setAttributes)}::jsonb) - ${textArray(removeAttributes)}` }),
        updatedAt: sql`now()`,
      })
      .where(and(eq(contacts.workspaceId, ctx.workspace.id), eq(contacts.id, input.contactId))),
  );
  await meetGoals(ctx, { kind: "contact_changed", contactIds: [input.contactId] });
  await audit(ctx, {
    action: "contact.updated",
    target: { type: "contact", id: input.contactId },
    data: { fields: changedFieldNames({ ...input, attributes: undefined }), ...(attributes.length > 0 && { attributes: attributes.map(([key]) => key) }) },
  });
  return { id: input.contactId };
}

/** Adds one tag; adding one the contact has is a no-op. */
export async function addContactTag(ctx: ServiceContext, input: ContactTagInput): Promise<{ tags: string[] }> {
  const contact = await lockContact(ctx, input.contactId);
  const tag = input.tag;
  if (contact.tags.includes(tag)) return { tags: contact.tags };
  const tags = [...contact.tags, tag];
  await ctx.tx.update(contacts).set({ tags, updatedAt: sql`now()` }).where(and(eq(contacts.workspaceId, ctx.workspace.id), eq(contacts.id, contact.id)));
  await meetGoals(ctx, { kind: "contact_changed", contactIds: [contact.id] });
  await audit(ctx, { action: "contact.updated", target: { type: "contact", id: contact.id }, data: { addedTag: tag } });
  return { tags };
}

export async function removeContactTag(ctx: ServiceContext, input: ContactTagInput): Promise<{ tags: string[] }> {
  const contact = await lockContact(ctx, input.contactId);
  const tags = contact.tags.filter((existing) => existing !== input.tag);
  if (tags.length === contact.tags.length) return { tags };
  await ctx.tx.update(contacts).set({ tags, updatedAt: sql`now()` }).where(and(eq(contacts.workspaceId, ctx.workspace.id), eq(contacts.id, contact.id)));
  await meetGoals(ctx, { kind: "contact_changed", contactIds: [contact.id] });
  await audit(ctx, { action: "contact.updated", target: { type: "contact", id: contact.id }, data: { removedTag: input.tag } });
  return { tags };
}
