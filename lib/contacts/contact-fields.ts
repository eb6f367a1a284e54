import type { StoredAttributeValue } from "./attribute-types";
import { SafeError } from "@/lib/errors";
import { toE164 } from "@/lib/sms/phone";
import type { ServiceContext } from "@/lib/services/service-context";
import { attributeDefinitionsByKey } from "./attribute-definitions";
import { parseAttributeInput } from "./attribute-values";

/** A phone number as stored (E.164), or a refusal naming the field: THE phone rule for a contact. */
export function contactPhone(phone: string | null | undefined): string | null | undefined {
  if (!phone) return phone === undefined ? undefined : null;
  const normalized = toE164(phone);
  if (!normalized) throw new SafeError("invalid_phone", `“${phone}” is not a valid phone number; use international format, e.g. +14155550123.`, { path: "phone" });
  return normalized;
}

/**
 * Attribute values as they came in, typed by the workspace's definitions (read in the service's
 * transaction): what the contact's page, the API's PUT and the import store. Empty input reads nothing.
 */
export async function contactAttributes(ctx: ServiceContext, input: Record<string, unknown> | undefined): Promise<Record<string, StoredAttributeValue>> {
  if (!input || Object.keys(input).length === 0) return {};
  return parseAttributeInput(await attributeDefinitionsByKey(ctx.tx, ctx.workspace.id), input);
}
