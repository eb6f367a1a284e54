import { z } from "zod";

export const ATTRIBUTE_OPERATORS = ["eq", "neq", "contains", "exists", "not_exists", "gt", "lt"] as const;
export type AttributeOperator = (typeof ATTRIBUTE_OPERATORS)[number];

/** Operators that compare against a value; the others only look at whether the attribute is set. */
export const VALUE_OPERATORS: ReadonlySet<AttributeOperator> = new Set(["eq", "neq", "contains", "gt", "lt"]);
export const NUMERIC_OPERATORS: ReadonlySet<AttributeOperator> = new Set(["gt", "lt"]);

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
  value: z.union([z.string().max(500), z.number().finite(), z.boolean()]).nullable().default(null),
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
};

export function describeAudienceFilter(filter: AudienceFilter): string {
  const parts: string[] = [];
  const last = filter.lastConversation;
  if (last?.op === "never") parts.push("never opened a conversation");
  if (last?.op === "older_than_days") parts.push(`last conversation over ${last.days} days ago`);
  if (last?.op === "older_than_days_or_never") parts.push(`no conversation opened in ${last.days} days`);
  for (const condition of filter.attributes) {
    const value = VALUE_OPERATORS.has(condition.op) ? ` ${JSON.stringify(condition.value)}` : "";
    parts.push(`${condition.key} ${ATTRIBUTE_OPERATOR_LABELS[condition.op]}${value}`);
  }
  if (filter.tags.any.length) parts.push(`tagged any of ${filter.tags.any.join(", ")}`);
  if (filter.tags.all.length) parts.push(`tagged all of ${filter.tags.all.join(", ")}`);
  if (filter.tags.none.length) parts.push(`not tagged ${filter.tags.none.join(", ")}`);
  return parts.length ? `Contacts: ${parts.join("; ")}` : "All contacts";
}
