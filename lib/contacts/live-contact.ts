import { isNull, sql, type SQL } from "drizzle-orm";
import { contacts } from "@/lib/db/schema/contacts";

/**
 * THE condition "this contact can be read": no large erasure has taken it. From the commit of an
 * erasure request on, the Contacts list and page, the export, the API, contact references and
 * audiences treat the contact as gone, while the contact-erase job deletes it and everything of
 * it in batches. (A small erasure deletes at once and needs no mark.)
 */
export function contactIsLive(): SQL {
  return isNull(contacts.erasureId);
}

/** The same condition on an aliased contacts row in raw SQL (the audience compiler's `c`). */
export function contactIsLiveAs(alias: SQL): SQL {
  return sql`${alias}.erasure_id IS NULL`;
}
