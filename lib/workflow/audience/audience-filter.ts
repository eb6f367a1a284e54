import { z } from "zod";
import type { ContactAttributeType } from "@/lib/contacts/attribute-types";

// Operators are only ever added (saved workflows' filters must keep parsing), never renamed.
export const ATTRIBUTE_OPERATORS = ["eq", "neq", "contains", "exists", "not_exists", "gt", "lt", "before", "after", "within_last_days", "any_of"] as const;
export type AttributeOperator = (typeof ATTRIBUTE_OPERATORS)[number];

/** Operators that compare against a value; the others only look at whether the attribute is set. */
export const VALUE_OPERATORS: ReadonlySet<AttributeOperator> = new Set(["eq", "neq", "contains", "gt", "lt", "before", "after", "within_last_days", "any_of"]);
export const NUMERIC_OPERATORS: ReadonlySet<AttributeOperator> = new Set(["gt", "lt"]);
/** Compare a "YYYY-MM-DD" date attribute with a date ("before"/"after") or with today ("within the last N days"). */
export const DATE_OPERATORS: ReadonlySet<AttributeOperator> = new Set(["before", "after", "within_last_days"]);

/**
 * The operators each attribute type offers in a filter (Settings › Contact attributes gives the
 * type; a key without a definition is free and offers the original text operators).
 */
export const OPERATORS_BY_TYPE: Record<ContactAttributeType | "free", readonly AttributeOperator[]> = {
  free: ["eq", "neq", "contains", "exists", "not_exists", "gt", "lt"],
  text: ["eq", "neq", "contains", "exists", "not_exists"],
  number: ["gt", "lt", "eq", "neq", "exists", "not_exists"],
  date: ["before", "after", "within_last_days", "exists", "not_exists"],
  boolean: ["eq", "exists", "not_exists"],
  list: ["any_of", "exists", "not_exists"],
};

/** "Within the last N days": the same range as the Days of a last conversation. */
export const withinDaysSchema = z.int().min(1).max(3_650);

/** "No conversation in the last N days": the builder's Days field shows and checks these limits. */
export const lastConversationDaysSchema = z.int().min(1).max(3_650);
const days = lastConversationDaysSchema;

export const lastConversationConditionSchema = z.discriminatedUnion("op", [
  z.strictObject({ op: z.literal("older_than_days"), days }),
  z.strictObject({ op: z.literal("never") }),
  z.strictObject({ op: z.literal("older_than_days_or_never"), days }),
]);

export const attributeConditionSchema = z.strictObject({
  key: z.string().trim().min(1).max(64),
  op: z.enum(ATTRIBUTE_OPERATORS),
  // any_of takes a list of options; the others one scalar (before/after a "YYYY-MM-DD", within_last_days a number of days).
  value: z.union([z.string().max(500), z.number().finite(), z.boolean(), z.array(z.string().max(500)).max(100)]).nullable().default(null),
});

const tagList = z.array(z.string().trim().min(1).max(100)).max(50).default([]);

export const audienceFilterSchema = z.strictObject({
  lastConversation: lastConversationConditionSchema.nullable().default(null),
  attributes: z.array(attributeConditionSchema).max(20).default([]),
  tags: z.strictObject({ any: tagList, all: tagList, none: tagList }).default({ any: [], all: [], none: [] }),
});

export type LastConversationCondition = z.infer<typeof lastConversationConditionSchema>;
export type AttributeCondition = z.infer<typeof attributeConditionSchema>;
export type AudienceFilter = z.infer<typeof audienceFilterSchema>;

/** How an operator reads, in the builder's condition rows and in a filter's one-line summary. */
export const ATTRIBUTE_OPERATOR_LABELS: Record<AttributeOperator, string> = {
  eq: "is",
  neq: "is not",
  contains: "contains",
  exists: "is set",
  not_exists: "is not set",
  gt: "is greater than",
  lt: "is less than",
  before: "is before",
  after: "is after",
  within_last_days: "is within the last (days)",
  any_of: "is any of",
};

/** A condition's value as a person reads it in a summary. */
function describeValue(value: AttributeCondition["value"]): string {
  if (Array.isArray(value)) return value.map((item) => JSON.stringify(item)).join(", ");
  return JSON.stringify(value);
}

export function describeAudienceFilter(filter: AudienceFilter): string {
  const parts: string[] = [];
  const last = filter.lastConversation;
  if (last?.op === "never") parts.push("never opened a conversation");
  if (last?.op === "older_than_days") parts.push(`last conversation over ${last.days} days ago`);
  if (last?.op === "older_than_days_or_never") parts.push(`no conversation opened in ${last.days} days`);
  for (const condition of filter.attributes) {
    const value = VALUE_OPERATORS.has(condition.op) ? ` ${describeValue(condition.value)}` : "";
    parts.push(`${condition.key} ${ATTRIBUTE_OPERATOR_LABELS[condition.op]}${value}`);
  }
  if (filter.tags.any.length) parts.push(`tagged any of ${filter.tags.any.join(", ")}`);
  if (filter.tags.all.length) parts.push(`tagged all of ${filter.tags.all.join(", ")}`);
  if (filter.tags.none.length) parts.push(`not tagged ${filter.tags.none.join(", ")}`);
  return parts.length ? `Contacts: ${parts.join("; ")}` : "All contacts";
}
