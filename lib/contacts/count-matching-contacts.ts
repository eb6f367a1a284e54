import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { contacts } from "@/lib/db/schema/contacts";
import type { ContactListFilter } from "./contact-list-params";
import { contactListWhere } from "./contact-list-query";

/** Past this the list says "more than": counting every match of a broad search at a million contacts would cost more than the page. */
export const CONTACT_COUNT_CAP = 10_000;

/**
 * How many contacts the Contacts list's filter matches: exactly, for what "Delete matching
 * contacts" asks to confirm; or, with `atMost`, counting no further than one past it (the list's
 * own "N contacts match", where a bigger number reads as "more than").
 */
export async function countMatchingContacts(db: DbOrTx, workspaceId: string, filter: ContactListFilter, options: { atMost?: number } = {}): Promise<number> {
  const where = contactListWhere(workspaceId, filter);
  if (options.atMost === undefined) {
    const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(contacts).where(where);
    return row?.count ?? 0;
  }
  const matches = db.select({ id: contacts.id }).from(contacts).where(where).limit(options.atMost + 1).as("matches");
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(matches);
  return row?.count ?? 0;
}
