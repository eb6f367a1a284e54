import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { contactAliases, contacts, type Contact } from "@/lib/db/schema/contacts";
import { contactIsLive } from "./live-contact";
import { toE164 } from "@/lib/sms/phone";
import { SafeError } from "@/lib/errors";

/** Names one existing contact: by Parley id, by the caller's external id, by email or by phone. */
export type ContactRef = { id: string } | { externalId: string } | { email: string } | { phone: string };

function describe(ref: ContactRef): string {
  if ("id" in ref) return `id ${ref.id}`;
  if ("externalId" in ref) return `external id “${ref.externalId}”`;
  if ("email" in ref) return `email ${ref.email}`;
  return `phone ${ref.phone}`;
}

/** The contact a reference names in this workspace; 404 when none does. Email and phone take the oldest match. */
export async function resolveContact(db: DbOrTx, workspaceId: string, ref: ContactRef): Promise<Contact> {
  const inWorkspace = eq(contacts.workspaceId, workspaceId);
  let condition;
  if ("id" in ref) condition = eq(contacts.id, ref.id);
  else if ("externalId" in ref) condition = eq(contacts.externalId, ref.externalId);
  else if ("email" in ref) condition = sql`lower(${contacts.email}) = lower(${ref.email})`;
  else {
    const phone = toE164(ref.phone);
    if (!phone) throw new SafeError("invalid_input", `“${ref.phone}” is not a valid phone number; use international format, e.g. +14155550123.`);
    condition = eq(contacts.phone, phone);
  }
  const [contact] = await db.select().from(contacts).where(and(inWorkspace, contactIsLive(), condition)).orderBy(contacts.createdAt).limit(1);
  if (!contact && "externalId" in ref) {
    const survivor = await contactByAlias(db, workspaceId, ref.externalId);
    if (survivor) return survivor;
  }
  if (!contact) throw new SafeError("not_found", `No contact with ${describe(ref)} in this workspace.`);
  return contact;
}

/**
 * The contact an external id names through an alias: the id of a contact since merged into this
 * one (lib/contacts/contact-merge.ts). A contact's own external id goes first; this is the fallback.
 */
export async function contactByAlias(db: DbOrTx, workspaceId: string, externalId: string): Promise<Contact | null> {
  const [row] = await db
    .select({ contact: contacts })
    .from(contactAliases)
    .innerJoin(contacts, and(eq(contacts.id, contactAliases.contactId), eq(contacts.workspaceId, contactAliases.workspaceId)))
    .where(
      and(
        eq(contactAliases.workspaceId, workspaceId),
        eq(contactAliases.externalId, externalId),
        contactIsLive(),
        // A contact holding the external id itself (created after the merge) comes first.
        sql`NOT EXISTS (SELECT 1 FROM contacts own WHERE own.workspace_id = ${workspaceId}::uuid AND own.external_id = ${externalId})`,
      ),
    );
  return row?.contact ?? null;
}
