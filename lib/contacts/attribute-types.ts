/**
 * THE rule for typed contact attributes (Settings › Contact attributes): what each type accepts,
 * from a JSON body (the API) or from text (a form field, a CSV cell), what it stores in
 * contacts.attributes, and how a stored value reads (the contact's page, {{variables}}).
 * Client-safe: the page's controls and the import's preview use the same rule as the server.
 *
 * Stored forms: text and list → string (a list value is one of the definition's options, spelled
 * as the option is), number → JSON number (exact: unsafe integers are refused), date → "YYYY-MM-DD"
 * (a calendar date, no time zone to drift), boolean → true/false. Empty input clears the value.
 */
export const CONTACT_ATTRIBUTE_TYPES = ["text", "number", "date", "boolean", "list"] as const;
export type ContactAttributeType = (typeof CONTACT_ATTRIBUTE_TYPES)[number];

export const CONTACT_ATTRIBUTE_TYPE_LABELS: Record<ContactAttributeType, string> = {
  text: "Text",
  number: "Number",
  date: "Date",
  boolean: "Yes / no",
  list: "One of a list",
};

export type StoredAttributeValue = string | number | boolean | null;
export type AttributeTypeSpec = { type: ContactAttributeType; options?: readonly string[] };
export type ParsedAttributeValue = { ok: true; value: StoredAttributeValue } | { ok: false; message: string };

export const MAX_TEXT_ATTRIBUTE_LENGTH = 2000;
const TRUE_WORDS = new Set(["true", "yes", "y", "1"]);
const FALSE_WORDS = new Set(["false", "no", "n", "0"]);
// Plain decimal notation only: "1e3", "0x10", "1,000" and "Infinity" are refused, not guessed at.
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const fail = (message: string): ParsedAttributeValue => ({ ok: false, message });
const ok = (value: StoredAttributeValue): ParsedAttributeValue => ({ ok: true, value });

/** A "YYYY-MM-DD" that names a real day (no 2026-02-30), or null. */
export function parseCalendarDate(text: string): string | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? text : null;
}

function parseNumber(raw: unknown): ParsedAttributeValue {
  let value: number;
  if (typeof raw === "number") value = raw;
  else if (typeof raw === "string" && DECIMAL.test(raw.trim())) value = Number(raw.trim());
  else return fail("Enter a number, like 42 or 3.5.");
  if (!Number.isFinite(value)) return fail("Enter a number, like 42 or 3.5.");
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) return fail("This number is too large to keep exactly (beyond ±9,007,199,254,740,991).");
  return ok(value);
}

function parseBoolean(raw: unknown): ParsedAttributeValue {
  if (typeof raw === "boolean") return ok(raw);
  const word = typeof raw === "string" ? raw.trim().toLowerCase() : typeof raw === "number" ? String(raw) : "";
  if (TRUE_WORDS.has(word)) return ok(true);
  if (FALSE_WORDS.has(word)) return ok(false);
  return fail("Enter yes or no (true/false).");
}

/**
 * Reads one value for an attribute of this type. `raw` is what came in: a JSON value from the API
 * or a string from a form or a CSV cell. null, undefined and blank text mean "no value".
 */
export function parseAttributeValue(spec: AttributeTypeSpec, raw: unknown): ParsedAttributeValue {
  if (raw === null || raw === undefined || (typeof raw === "string" && raw.trim() === "")) return ok(null);
  switch (spec.type) {
    case "text": {
      if (typeof raw !== "string" && typeof raw !== "number" && typeof raw !== "boolean") return fail("Enter text.");
      const text = String(raw);
      return text.length > MAX_TEXT_ATTRIBUTE_LENGTH ? fail(`Text is at most ${MAX_TEXT_ATTRIBUTE_LENGTH.toLocaleString("en-US")} characters.`) : ok(text);
    }
    case "number":
      return parseNumber(raw);
    case "boolean":
      return parseBoolean(raw);
    case "date": {
      const date = typeof raw === "string" ? parseCalendarDate(raw.trim()) : null;
      return date ? ok(date) : fail("Enter a date as YYYY-MM-DD, like 2026-03-05.");
    }
    case "list": {
      const options = spec.options ?? [];
      const wanted = typeof raw === "string" ? raw.trim().toLowerCase() : String(raw).toLowerCase();
      const option = options.find((candidate) => candidate.toLowerCase() === wanted);
      return option !== undefined ? ok(option) : fail(`Choose one of: ${options.join(", ")}.`);
    }
  }
}

const DATE_FORMAT = new Intl.DateTimeFormat("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
const NUMBER_FORMAT = new Intl.NumberFormat("en-US", { maximumFractionDigits: 20 });

/**
 * How a stored value reads to a person (the contact's page, a {{variable}} in a message): a date
 * as "March 5, 2026", a number with digit grouping, a boolean as Yes/No. Without a definition the
 * value is shown as stored. null when there is nothing to show.
 */
export function formatAttributeValue(spec: AttributeTypeSpec | undefined, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" && value.trim() === "") return null;
  switch (spec?.type) {
    case "date": {
      const date = typeof value === "string" ? parseCalendarDate(value) : null;
      return date ? DATE_FORMAT.format(new Date(`${date}T00:00:00Z`)) : String(value);
    }
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? NUMBER_FORMAT.format(value) : String(value);
    case "boolean":
      return value === true ? "Yes" : value === false ? "No" : String(value);
    default:
      if (typeof value === "string") return value.trim();
      if (typeof value === "number") return Number.isFinite(value) ? String(value) : null;
      if (typeof value === "boolean") return String(value);
      return null;
  }
}
