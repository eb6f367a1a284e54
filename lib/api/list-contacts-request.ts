import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { contactAliases, contacts } from "@/lib/db/schema/contacts";
import { SafeError } from "@/lib/errors";
import { contactIsLive } from "@/lib/contacts/live-contact";
import { readContactConsents } from "@/lib/consent/contact-consent";
import { toE164 } from "@/lib/sms/phone";
import type { ApiServiceContext } from "./api-route";
import type { ListContactsQuery } from "./schemas/contacts";
import { serializeContact } from "./serialize";

type Cursor = { u: string; i: string };

// A cursor carries the last row's updated_at at full (microsecond) precision, as Postgres wrote it.
const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString("base64url");

function decodeCursor(value: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as Partial<Cursor>;
    if (typeof parsed.u === "string" && /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(parsed.u) && typeof parsed.i === "string" && /^[0-9a-f-]{36}$/i.test(parsed.i)) {
      return { u: parsed.u, i: parsed.i };
    }
  } catch {
    // Falls through to the refusal below.
  }
  throw new SafeError("invalid_input", "That cursor is not one this API gave out; start again without it.", { path: "cursor" });
}

/**
 * GET /api/v1/contacts: a page of the workspace's live contacts matching every filter given, in
 * (updated_at, id) order (the contacts_workspace_updated_idx index), continued by a keyset cursor.
 */
export async function listContactsRequest(ctx: ApiServiceContext, query: ListContactsQuery) {
  const conditions: SQL[] = [eq(contacts.workspaceId, ctx.workspace.id), contactIsLive()];
  if (query.email) conditions.push(sql`lower(${contacts.email}) = lower(${query.email})`);
  if (query.phone) {
    const phone = toE164(query.phone);
    if (!phone) throw new SafeError("invalid_phone", `“${query.phone}” is not a valid phone number; use international format, e.g. +14155550123.`, { path: "phone" });
    conditions.push(eq(contacts.phone, phone));
  }
  if (query.externalId) {
    conditions.push(
      sql`(${contacts.externalId} = ${query.externalId} OR ${contacts.id} IN (SELECT ${contactAliases.contactId} FROM ${contactAliases} WHERE ${contactAliases.workspaceId} = ${ctx.workspace.id} AND ${contactAliases.externalId} = ${query.externalId}))`,
    );
  }
  if (query.tag) conditions.push(sql`${contacts.tags} @> ARRAY[${query.tag}]::text[]`);
  if (query.updatedSince) conditions.push(sql`${contacts.updatedAt} >= ${query.updatedSince}::timestamptz`);
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor);
    conditions.push(sql`(${contacts.updatedAt}, ${contacts.id}) > (${cursor.u}::timestamptz, ${cursor.i}::uuid)`);
  }
  const rows = await ctx.tx
    .select({
      contact: contacts,
      position: sql<string>`to_char(${contacts.updatedAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(contacts)
    .where(and(...conditions))
    .orderBy(asc(contacts.updatedAt), asc(contacts.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const consents = await readContactConsents(ctx.tx, ctx.workspace.id, page.map((row) => row.contact));
  return {
    status: 200,
    body: {
      contacts: page.map((row) => serializeContact(row.contact, consents.get(row.contact.id)!)),
      nextCursor: rows.length > query.limit && last ? encodeCursor({ u: last.position, i: last.contact.id }) : null,
    },
  };
}
