import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { contacts } from "@/lib/db/schema/contacts";
import type { ContactListFilter } from "./contact-list-params";
import { contactListWhere } from "./contact-list-query";

/** How many contacts the Contacts list's filter matches: what "Delete matching contacts" asks to confirm. */
export async function countMatchingContacts(db: DbOrTx, workspaceId: string, filter: ContactListFilter): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(contacts).where(contactListWhere(workspaceId, filter));
  return row?.count ?? 0;
}
