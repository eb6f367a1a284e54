import { and, eq, getTableColumns, sql } from "drizzle-orm";
import { contacts, type Contact } from "@/lib/db/schema/contacts";
import { textArray } from "@/lib/db/sql-params";
import { meetGoals } from "@/lib/workflow/engine/goal-events";
import type { ServiceContext } from "@/lib/services/service-context";
import { contactAttributes, contactPhone } from "./contact-fields";
import { writeUniqueContact } from "./contact-uniqueness";
import { contactByAlias } from "./resolve-contact";

/** A contact by the caller's external id: the fields given are set, the others kept. */
export type UpsertContactInput = {
  externalId: string;
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  phone?: string | null;
  company?: string | null;
  /** Merged into the contact's attributes; a null value removes that attribute. Typed ones are validated by their definition. */
  attributes?: Record<string, unknown>;
  /** Replaces the contact's tags. */
  tags?: string[];
};

/**
 * Creates or updates a contact of the context's workspace by external id: one upsert on the
 * (workspace, external id) unique index, so two concurrent calls for a new external id create
 * one contact. A phone number is stored as E.164; one that is not a number is refused. The same
 * rules as the contact's page: email, phone and external id unique per workspace (a clash names
 * the contact holding the value), typed attributes validated by their definitions.
 */
export async function upsertContact(ctx: ServiceContext, input: UpsertContactInput): Promise<{ contact: Contact; created: boolean }> {
  const phone = contactPhone(input.phone);
  const email = input.email === undefined ? undefined : input.email || null;
  const fields = {
    ...(input.firstName !== undefined && { firstName: input.firstName }),
    ...(input.lastName !== undefined && { lastName: input.lastName }),
    ...(email !== undefined && { email }),
    ...(phone !== undefined && { phone }),
    ...(input.company !== undefined && { company: input.company }),
    ...(input.tags !== undefined && { tags: [...new Set(input.tags)] }),
  };
  const attributes = Object.entries(await contactAttributes(ctx, input.attributes));
  const setAttributes = Object.fromEntries(attributes.filter(([, value]) => value !== null));
  const removeAttributes = attributes.filter(([, value]) => value === null).map(([key]) => key);

  const changes = {
    ...fields,
    attributes: sql`(${contacts.attributes} || ${JSON.stringify(setAttributes)}::jsonb) - ${textArray(removeAttributes)}`,
    updatedAt: sql`now()`,
  };
  // The external id of a contact merged into another names the survivor, which is updated.
  const survivor = await contactByAlias(ctx.tx, ctx.workspace.id, input.externalId);
  if (survivor) {
    const [updated] = await writeUniqueContact(ctx, { email, phone }, { id: survivor.id }, (tx) =>
      tx
        .update(contacts)
        .set(changes)
        .where(and(eq(contacts.id, survivor.id), eq(contacts.workspaceId, ctx.workspace.id)))
        .returning(),
    );
    await meetGoals(ctx, { kind: "contact_changed", contactIds: [survivor.id] });
    return { contact: updated!, created: false };
  }

  const [row] = await writeUniqueContact(ctx, { email, phone, externalId: input.externalId }, { externalId: input.externalId }, (tx) =>
    tx
      .insert(contacts)
      .values({ workspaceId: ctx.workspace.id, externalId: input.externalId, ...fields, attributes: setAttributes })
      .onConflictDoUpdate({ target: [contacts.workspaceId, contacts.externalId], set: changes })
      // xmax is 0 on a row this statement inserted, and set on one it updated.
      .returning({ ...getTableColumns(contacts), inserted: sql<boolean>`(xmax = 0)` }),
  );
  const { inserted, ...contact } = row!;
  if (!inserted) await meetGoals(ctx, { kind: "contact_changed", contactIds: [contact.id] });
  return { contact, created: inserted };
}
