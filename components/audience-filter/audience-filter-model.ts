import type { ContactAttributeType } from "@/lib/contacts/attribute-types";
import {
  ATTRIBUTE_OPERATORS,
  OPERATORS_BY_TYPE,
  audienceFilterSchema,
  lastConversationDaysSchema,
  VALUE_OPERATORS,
  type AttributeCondition,
  type AttributeOperator,
  type AudienceFilter,
  type LastConversationCondition,
} from "@/lib/workflow/audience/audience-filter";

/** The filter editor's form logic, kept apart from the JSX so it can be tested. */

/** An attribute a condition can name: a defined one (typed) or a key contacts carry without a definition ("free"). */
export type FilterAttribute = { key: string; label: string; type: ContactAttributeType | "free"; options: readonly string[] };

/** The workspace's attributes for the editor: definitions first (typed), then free keys contacts carry. */
export function filterAttributes(
  definitions: readonly { key: string; label: string; type: ContactAttributeType; options: readonly string[] }[],
  freeKeys: readonly string[],
): FilterAttribute[] {
  const defined = new Set(definitions.map((definition) => definition.key));
  return [
    ...definitions.map((definition) => ({ key: definition.key, label: definition.label, type: definition.type, options: definition.options })),
    ...freeKeys.filter((key) => !defined.has(key)).map((key) => ({ key, label: key, type: "free" as const, options: [] })),
  ];
}

export function attributeOf(attributes: readonly FilterAttribute[], key: string): FilterAttribute {
  return attributes.find((attribute) => attribute.key === key) ?? { key, label: key, type: "free", options: [] };
}

/** The operators a condition on this attribute offers; an operator a saved filter already uses stays offered. */
export function operatorsFor(attribute: FilterAttribute, current?: AttributeOperator): readonly AttributeOperator[] {
  const offered = OPERATORS_BY_TYPE[attribute.type];
  return current && !offered.includes(current) ? [...offered, current] : offered;
}

/** Points a condition at another attribute: its type's first operator, an empty value of that operator's kind. */
export function withConditionKey(filter: AudienceFilter, index: number, attribute: FilterAttribute): AudienceFilter {
  const op = OPERATORS_BY_TYPE[attribute.type][0]!;
  const attributes = filter.attributes.map((condition, i) => (i === index ? { key: attribute.key, op, value: emptyValue(op, attribute) } : condition));
  return { ...filter, attributes };
}

function emptyValue(op: AttributeOperator, attribute?: FilterAttribute): AttributeCondition["value"] {
  if (!VALUE_OPERATORS.has(op)) return null;
  if (op === "any_of") return [];
  if (op === "within_last_days") return 30;
  if (attribute?.type === "boolean") return true;
  return "";
}

export const LAST_CONVERSATION_CHOICES = [
  { value: "any", label: "Any time" },
  { value: "older_than_days_or_never", label: "No conversation opened in the last… (or never)" },
  { value: "older_than_days", label: "Last conversation opened more than… ago" },
  { value: "never", label: "Never opened a conversation" },
] as const;
export type LastConversationChoice = (typeof LAST_CONVERSATION_CHOICES)[number]["value"];

export const OPERATORS = ATTRIBUTE_OPERATORS;

export function readFilter(value: unknown): AudienceFilter {
  const parsed = audienceFilterSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : audienceFilterSchema.parse({});
}

export function lastConversationChoice(filter: AudienceFilter): LastConversationChoice {
  return filter.lastConversation?.op ?? "any";
}

export function withLastConversation(filter: AudienceFilter, choice: LastConversationChoice, days?: number): AudienceFilter {
  const previousDays = filter.lastConversation && "days" in filter.lastConversation ? filter.lastConversation.days : 30;
  const nextDays = days ?? previousDays;
  let lastConversation: LastConversationCondition | null;
  if (choice === "any") lastConversation = null;
  else if (choice === "never") lastConversation = { op: "never" };
  else lastConversation = { op: choice, days: nextDays };
  return { ...filter, lastConversation };
}

/** The Days field's limits, read off the config schema (the one place they are set). */
export const DAYS_RANGE = { min: lastConversationDaysSchema.minValue ?? 1, max: lastConversationDaysSchema.maxValue ?? Number.MAX_SAFE_INTEGER };

export const DAYS_HINT = `From ${DAYS_RANGE.min.toLocaleString("en")} to ${DAYS_RANGE.max.toLocaleString("en")} days.`;

/**
 * What was typed into Days: a number of days the schema accepts, or why not. A refused value is
 * shown with its error and never reaches the config (which keeps its last valid number of days).
 */
export function readDays(text: string): { ok: true; days: number } | { ok: false; error: string } {
  const parsed = lastConversationDaysSchema.safeParse(text.trim() === "" ? Number.NaN : Number(text));
  if (parsed.success) return { ok: true, days: parsed.data };
  return { ok: false, error: `Enter a whole number of days from ${DAYS_RANGE.min.toLocaleString("en")} to ${DAYS_RANGE.max.toLocaleString("en")}.` };
}

/** Numbers typed into a "greater/less than" condition are stored as numbers so the server compares them as such. */
export function coerceConditionValue(op: AttributeOperator, raw: string): AttributeCondition["value"] {
  if (!VALUE_OPERATORS.has(op)) return null;
  if (op === "any_of") return raw.trim() === "" ? [] : [raw];
  if (op === "gt" || op === "lt" || op === "within_last_days") {
    const number = Number(raw);
    return raw.trim() !== "" && Number.isFinite(number) ? number : raw;
  }
  return raw;
}

export function updateCondition(filter: AudienceFilter, index: number, patch: Partial<AttributeCondition>): AudienceFilter {
  const attributes = filter.attributes.map((condition, i) => {
    if (i !== index) return condition;
    const next = { ...condition, ...patch };
    // Switching to "is set" drops the value; switching to a comparison re-reads the text as a number.
    if (patch.op) {
      const kept = Array.isArray(condition.value) ? "" : condition.value === null ? "" : String(condition.value);
      // A yes/no condition keeps its boolean; every other change re-reads the text for the new operator.
      next.value = typeof condition.value === "boolean" && patch.op === "eq" ? condition.value : coerceConditionValue(patch.op, kept);
      if (patch.op === "any_of" && Array.isArray(condition.value)) next.value = condition.value;
    }
    return next;
  });
  return { ...filter, attributes };
}

export function addCondition(filter: AudienceFilter, key: string): AudienceFilter {
  return { ...filter, attributes: [...filter.attributes, { key, op: "eq", value: "" }] };
}

export function removeCondition(filter: AudienceFilter, index: number): AudienceFilter {
  return { ...filter, attributes: filter.attributes.filter((_, i) => i !== index) };
}

export function parseTagList(text: string): string[] {
  return [...new Set(text.split(",").map((tag) => tag.trim()).filter(Boolean))];
}

/** Only a filter the server would accept is sent for counting; a half-typed one keeps the last count. */
export function countableFilter(filter: AudienceFilter): AudienceFilter | null {
  const parsed = audienceFilterSchema.safeParse(filter);
  if (!parsed.success) return null;
  const complete = parsed.data.attributes.every(
    (condition) => !VALUE_OPERATORS.has(condition.op) || (condition.value !== null && condition.value !== "" && !(Array.isArray(condition.value) && condition.value.length === 0)),
  );
  return complete ? parsed.data : null;
}
