import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { contacts } from "@/lib/db/schema/contacts";
import { compileAudience } from "@/lib/workflow/audience/compile-audience";
import type { ContactListFilter } from "./contact-list-params";
import { contactIsLive } from "./live-contact";

/** `%` and `_` typed by a person are literal characters, not wildcards. */
function likePattern(query: string): string {
  return `%${query.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/**
 * What a search looks in: names, email, phone and external id as one text, trigram-indexed by
 * drizzle/0017_contacts-search-indexes.sql (the expression must stay the index's, word for word).
 * "Ada Lovelace" matches across the two names.
 */
export function contactSearchText(): SQL {
  return sql`(coalesce(${contacts.firstName}, '') || ' ' || coalesce(${contacts.lastName}, '') || ' ' || coalesce(${contacts.email}, '') || ' ' || coalesce(${contacts.phone}, '') || ' ' || coalesce(${contacts.externalId}, ''))`;
}

const wholeEmail = z.email();

/**
 * A search for a whole email address means that contact: one lookup in the unique index on
 * lower(email), where the trigram index would intersect the long posting lists of trigrams every
 * address shares ("com", "@ex"…) — 80 ms at a million contacts instead of well under one.
 */
function searchCondition(query: string): SQL {
  if (wholeEmail.safeParse(query).success) return sql`lower(${contacts.email}) = lower(${query})`;
  return sql`${contactSearchText()} ILIKE ${likePattern(query)}`;
}

/**
 * The Contacts list's filter as one condition on `contacts`, with the workspace and liveness (the
 * audience part by THE audience compiler, so the list matches whom an Audience Matched trigger would):
 * what the list shows, the export writes and "Delete matching contacts" erases.
 */
export function contactListWhere(workspaceId: string, filter: ContactListFilter): SQL {
  const conditions: SQL[] = [eq(contacts.workspaceId, workspaceId), contactIsLive()];
  if (filter.audience) conditions.push(compileAudience(filter.audience, workspaceId, sql`${sql.identifier("contacts")}`));
  const query = filter.q.trim().slice(0, 200);
  if (query) conditions.push(searchCondition(query));
  return and(...conditions)!;
}

/**
 * The list's order, all ascending so a keyset row comparison can continue it (the export):
 * people with a name first, alphabetically; nameless ones (anonymous chat visitors) after them.
 * Each key names its SQL type, which a keyset's values need to go back into a query.
 */
// The keys (with the workspace) are indexed by drizzle/0017_contacts-search-indexes.sql: keep them alike.
export function contactListOrderKeys(): { key: SQL; type: "boolean" | "text" | "uuid" }[] {
  return [
    { key: sql`(coalesce(${contacts.firstName}, '') = '' AND coalesce(${contacts.lastName}, '') = '')`, type: "boolean" },
    { key: sql`lower(coalesce(${contacts.firstName}, ''))`, type: "text" },
    { key: sql`lower(coalesce(${contacts.lastName}, ''))`, type: "text" },
    { key: sql`${contacts.id}`, type: "uuid" },
  ];
}

export const contactListOrder = (): SQL[] => contactListOrderKeys().map(({ key }) => asc(key));
