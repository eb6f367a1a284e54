import { and, eq, ne, or, sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/lib/db/client";
import { contacts } from "@/lib/db/schema/contacts";
import { isUniqueViolation } from "@/lib/db/pg-error";
import { SafeError } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/service-context";
import { contactDisplayName } from "./display-name";

export type UniqueContactField = "email" | "phone" | "externalId";
export type UniqueContactValues = { email?: string | null; phone?: string | null; externalId?: string | null };
/** Which contact is being written (its own values are no clash): by id (the page) or by external id (the API's PUT). */
export type ContactSelf = { id: string } | { externalId: string } | null;

const FIELD_WORDS: Record<UniqueContactField, string> = { email: "email", phone: "phone number", externalId: "external id" };
const UNIQUE_INDEXES: Record<string, UniqueContactField> = {
  contacts_workspace_email_key: "email",
  contacts_workspace_phone_key: "phone",
  contacts_workspace_external_id_key: "externalId",
};

export type ContactClashDetails = { field: UniqueContactField; path: UniqueContactField; contactId: string; contactName: string };

function clash(field: UniqueContactField, value: string, other: { id: string; firstName: string | null; lastName: string | null; email: string | null; phone: string | null; externalId: string | null }): SafeError {
  const contactName = contactDisplayName(other);
  const details: ContactClashDetails = { field, path: field, contactId: other.id, contactName };
  return new SafeError("contact_exists", `${contactName} already has the ${FIELD_WORDS[field]} “${value}”: use another, or change theirs first.`, details);
}

/**
 * THE uniqueness rule of a contact's email (ignoring case), phone and external id in a workspace,
 * checked before a write so the refusal names the contact already holding the value. The unique
 * indexes stay the guarantee: `translateContactClash` turns a concurrent writer's violation into
 * the same refusal.
 */
export async function assertContactUnique(ctx: ServiceContext, values: UniqueContactValues, self: ContactSelf): Promise<void> {
  const checks: [UniqueContactField, string, SQL][] = [];
  if (values.email) checks.push(["email", values.email, sql`lower(${contacts.email}) = lower(${values.email})`]);
  if (values.phone) checks.push(["phone", values.phone, eq(contacts.phone, values.phone)]);
  if (values.externalId) checks.push(["externalId", values.externalId, eq(contacts.externalId, values.externalId)]);
  if (checks.length === 0) return;
  const notSelf = self === null ? undefined : "id" in self ? ne(contacts.id, self.id) : sql`${contacts.externalId} IS DISTINCT FROM ${self.externalId}`;
  const others = await ctx.tx
    .select({ id: contacts.id, firstName: contacts.firstName, lastName: contacts.lastName, email: contacts.email, phone: contacts.phone, externalId: contacts.externalId })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, ctx.workspace.id), notSelf, or(...checks.map(([, , condition]) => condition))))
    .orderBy(contacts.createdAt)
    .limit(3);
  for (const [field, value] of checks) {
    const other = others.find((row) => (field === "email" ? row.email?.toLowerCase() === value.toLowerCase() : row[field] === value));
    if (other) throw clash(field, value, other);
  }
}

/**
 * Runs a contact's write in a savepoint so that one losing a race on a unique index (someone saved
 * the same email a moment earlier, after our check) is answered with the same named refusal: the
 * winner has committed by then, so the check finds it.
 */
export async function writeUniqueContact<T>(ctx: ServiceContext, values: UniqueContactValues, self: ContactSelf, write: (tx: Tx) => Promise<T>): Promise<T> {
  await assertContactUnique(ctx, values, self);
  try {
    return await ctx.tx.transaction((savepoint) => write(savepoint));
  } catch (error) {
    const field = Object.entries(UNIQUE_INDEXES).find(([constraint]) => isUniqueViolation(error, constraint))?.[1];
    if (!field) throw error;
    await assertContactUnique(ctx, values, self);
    throw new SafeError("contact_exists", `Another contact was just saved with this ${FIELD_WORDS[field]}. Reload to see it, or use another.`, { field, path: field });
  }
}
