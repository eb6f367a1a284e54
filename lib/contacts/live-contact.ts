import { isNull, sql, type SQL } from "drizzle-orm";
import { contacts } from "@/lib/db/schema/contacts";
import { conversations } from "@/lib/db/schema/conversations";

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

/**
 * The same rule seen from a conversation: one whose contact a large erasure has taken is gone with
 * them (the thread page, the API). A primary-key probe per conversation read. The inbox's lists
 * and counts need no probe: the erasure takes those conversations out of the inbox when it marks
 * their contacts (lib/contacts/contact-erasure.ts).
 */
export function conversationContactIsLive(): SQL {
  return sql`NOT EXISTS (SELECT 1 FROM ${contacts} WHERE ${contacts.id} = ${conversations.contactId} AND ${contacts.erasureId} IS NOT NULL)`;
}
