import { z } from "zod";
import { parseAttributeValue, type AttributeTypeSpec, type StoredAttributeValue } from "@/lib/contacts/attribute-types";
import { attributeKeySchema } from "@/lib/contacts/attributes";
import { CONTACT_ATTRIBUTE_TYPES } from "@/lib/contacts/attribute-types";
import { EXTERNAL_ID_MAX_LENGTH, normalizeExternalId } from "@/lib/contacts/external-id";
import { CONSENT_KINDS, type ConsentStatus } from "@/lib/consent/consent-status";
import { toE164 } from "@/lib/sms/phone";
import type { ChannelKind } from "@/lib/workflow/customer-destination";

/**
 * THE rule for what one CSV row becomes (the import's job and its "before you confirm" counts
 * both read rows through here): each column is ignored, or one contact field, or the tags, or an
 * attribute (typed by its definition through parseAttributeValue), or the consent on one channel kind. Blank cells mean "no value":
 * a new contact leaves the field empty, an existing one keeps what it has. Client-safe.
 */
export const IMPORT_FIELDS = ["first_name", "last_name", "email", "phone", "external_id", "tags"] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const IMPORT_FIELD_LABELS: Record<ImportField, string> = {
  first_name: "First name",
  last_name: "Last name",
  email: "Email",
  phone: "Phone",
  external_id: "External id",
  tags: "Tags",
};

export const columnMappingSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("ignore") }),
  z.strictObject({ kind: z.literal("field"), field: z.enum(IMPORT_FIELDS) }),
  z.strictObject({ kind: z.literal("attribute"), key: attributeKeySchema }),
  /** The contact's consent on one channel kind (lib/consent): a cell of CONSENT_CELL_WORDS. */
  z.strictObject({ kind: z.literal("consent"), channelKind: z.enum(CONSENT_KINDS) }),
  /** A new attribute made from this column: its definition is created when the import starts. */
  z.strictObject({
    kind: z.literal("new_attribute"),
    key: attributeKeySchema,
    label: z.string().trim().min(1, "Give the new attribute a label.").max(100),
    type: z.enum(CONTACT_ATTRIBUTE_TYPES).exclude(["list"]),
  }),
]);
export type ColumnMapping = z.infer<typeof columnMappingSchema>;

export const TAG_MAX_LENGTH = 100;
export const NAME_MAX_LENGTH = 200;
const emailSchema = z.email().max(320);

/** A row as the contact fields it sets (undefined: the column is not mapped or the cell is blank). */
export type MappedRow = {
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string;
  externalId?: string;
  tags: string[];
  attributes: Record<string, StoredAttributeValue>;
  consent?: Partial<Record<ChannelKind, ConsentStatus>>;
};

/** What a consent cell may say (ignoring case), beside the statuses themselves. Blank changes nothing. */
const CONSENT_CELL_WORDS: Record<string, ConsentStatus> = {
  subscribed: "subscribed", yes: "subscribed", true: "subscribed", "1": "subscribed", opted_in: "subscribed", opt_in: "subscribed",
  unsubscribed: "unsubscribed", no: "unsubscribed", false: "unsubscribed", "0": "unsubscribed", opted_out: "unsubscribed", opt_out: "unsubscribed",
  bouncing: "bouncing", bounced: "bouncing", bounce: "bouncing",
};

export function parseConsentCell(cell: string): ConsentStatus | null {
  return CONSENT_CELL_WORDS[cell.trim().toLowerCase().replace(/[\s-]+/g, "_")] ?? null;
}

export type MapRowResult = { ok: true; row: MappedRow } | { ok: false; reason: string };

/** Tags in one cell: separated by commas, semicolons or |, trimmed, blanks dropped, each once. */
export function splitTags(cell: string): string[] {
  return [...new Set(cell.split(/[,;|]/).map((tag) => tag.trim()).filter(Boolean))];
}

/** What a column's header suggests it holds, for the mapping form's first guess. */
export function guessMapping(header: string, definitions: ReadonlyMap<string, AttributeTypeSpec>): ColumnMapping {
  const words = header.trim().toLowerCase().replace(/[\s\-.]+/g, "_");
  const fields: Record<string, ImportField> = {
    first_name: "first_name", firstname: "first_name", given_name: "first_name", first: "first_name",
    last_name: "last_name", lastname: "last_name", surname: "last_name", family_name: "last_name", last: "last_name",
    email: "email", e_mail: "email", email_address: "email", mail: "email",
    phone: "phone", phone_number: "phone", mobile: "phone", telephone: "phone",
    external_id: "external_id", externalid: "external_id", id: "external_id", customer_id: "external_id",
    tags: "tags", tag: "tags", labels: "tags",
  };
  const field = fields[words];
  if (field) return { kind: "field", field };
  const consent = /^(chat|sms|text|email|e_mail)_(consent|subscription|subscribed|opt_in|status)$/.exec(words);
  if (consent) return { kind: "consent", channelKind: consent[1] === "text" ? "sms" : consent[1] === "e_mail" ? "email" : (consent[1] as ChannelKind) };
  if (definitions.has(words)) return { kind: "attribute", key: words };
  return { kind: "ignore" };
}

/**
 * One row through the mapping. `definitions` are the workspace's typed attributes by key (new
 * ones from this mapping included); an attribute without a definition is kept as text.
 */
export function mapImportRow(
  cells: readonly string[],
  mapping: readonly ColumnMapping[],
  definitions: ReadonlyMap<string, AttributeTypeSpec>,
  columns: readonly string[],
): MapRowResult {
  const row: MappedRow = { tags: [], attributes: {} };
  for (let i = 0; i < mapping.length; i++) {
    const target = mapping[i]!;
    if (target.kind === "ignore") continue;
    const raw = cells[i] ?? "";
    const cell = raw.trim();
    const column = columns[i] ?? `column ${i + 1}`;
    if (target.kind === "attribute" || target.kind === "new_attribute") {
      const spec = definitions.get(target.key) ?? { type: target.kind === "new_attribute" ? target.type : "text" };
      const parsed = parseAttributeValue(spec, raw);
      if (!parsed.ok) return { ok: false, reason: `${column}: “${cell}” — ${parsed.message}` };
      if (parsed.value !== null) row.attributes[target.key] = parsed.value;
      continue;
    }
    if (cell === "") continue;
    if (target.kind === "consent") {
      const status = parseConsentCell(cell);
      if (!status) return { ok: false, reason: `${column}: “${cell}” is not a consent; use subscribed, unsubscribed or bouncing.` };
      if (status === "bouncing" && target.channelKind === "chat") return { ok: false, reason: `${column}: a chat cannot bounce.` };
      row.consent = { ...row.consent, [target.channelKind]: status };
      continue;
    }
    switch (target.field) {
      case "first_name":
      case "last_name":
        if (cell.length > NAME_MAX_LENGTH) return { ok: false, reason: `${column}: a name is at most ${NAME_MAX_LENGTH} characters.` };
        row[target.field === "first_name" ? "firstName" : "lastName"] = cell;
        break;
      case "email":
        if (!emailSchema.safeParse(cell).success) return { ok: false, reason: `${column}: “${cell}” is not an email address.` };
        row.email = cell;
        break;
      case "phone": {
        const phone = toE164(cell);
        if (!phone) return { ok: false, reason: `${column}: “${cell}” is not a valid phone number; use international format, e.g. +14155550123.` };
        row.phone = phone;
        break;
      }
      case "external_id": {
        const id = normalizeExternalId(cell);
        if (id.length > EXTERNAL_ID_MAX_LENGTH) return { ok: false, reason: `${column}: an external id is at most ${EXTERNAL_ID_MAX_LENGTH} characters.` };
        row.externalId = id;
        break;
      }
      case "tags": {
        const tags = splitTags(cell);
        const long = tags.find((tag) => tag.length > TAG_MAX_LENGTH);
        if (long) return { ok: false, reason: `${column}: a tag is at most ${TAG_MAX_LENGTH} characters.` };
        row.tags.push(...tags);
        break;
      }
    }
  }
  return { ok: true, row };
}
