import { getTableColumns, sql } from "drizzle-orm";
import type { Tx } from "../db/client";
import { contacts } from "../db/schema/contacts";
import { textArray } from "../db/sql-params";
import { toE164 } from "../sms/phone";
import { SafeError } from "../errors";
import type { ApiCaller } from "./authenticate";
import type { ApiResult } from "./idempotency";
import type { UpsertContactBody } from "./schemas/contacts";
import { serializeContact } from "./serialize";

/**
 * PUT /api/v1/contacts/{externalId}: one upsert on the (workspace, external id) unique index, so
 * two concurrent calls for a new external id create one contact. 201 when created, 200 when updated.
 */
export async function upsertContactRequest(tx: Tx, caller: ApiCaller, externalId: string, body: UpsertContactBody): Promise<ApiResult> {
  let phone = body.phone;
  if (phone) {
    const normalized = toE164(phone);
    if (!normalized) throw new SafeError("invalid_input", `“${phone}” is not a valid phone number; use international format, e.g. +14155550123.`);
    phone = normalized;
  }
  const fields = {
    ...(body.firstName !== undefined && { firstName: body.firstName }),
    ...(body.lastName !== undefined && { lastName: body.lastName }),
    ...(body.email !== undefined && { email: body.email }),
    ...(phone !== undefined && { phone }),
    ...(body.company !== undefined && { company: body.company }),
    ...(body.tags !== undefined && { tags: [...new Set(body.tags)] }),
  };
  const attributes = Object.entries(body.attributes ?? {});
  const setAttributes = Object.fromEntries(attributes.filter(([, value]) => value !== null));
  const removeAttributes = attributes.filter(([, value]) => value === null).map(([key]) => key);

  const [row] = await tx
    .insert(contacts)
    .values({ workspaceId: caller.workspaceId, externalId, ...fields, attributes: setAttributes })
    .onConflictDoUpdate({
      target: [contacts.workspaceId, contacts.externalId],
      set: {
        ...fields,
        attributes: sql`(${contacts.attributes} || ${JSON.stringify(setAttributes)}::jsonb) - ${textArray(removeAttributes)}`,
        updatedAt: sql`now()`,
      },
    })
    .returning({ ...getTableColumns(contacts), inserted: sql<boolean>`(xmax = 0)` });
  const { inserted, ...contact } = row!;
  return { status: inserted ? 201 : 200, body: { contact: serializeContact(contact) } };
}
