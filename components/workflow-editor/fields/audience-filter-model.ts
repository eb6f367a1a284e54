import {
  ATTRIBUTE_OPERATORS,
  audienceFilterSchema,
  lastConversationDaysSchema,
  VALUE_OPERATORS,
  type AttributeCondition,
  type AttributeOperator,
  type AudienceFilter,
  type LastConversationCondition,
} from "@/lib/workflow/audience/audience-filter";

/** The filter editor's form logic, kept apart from the JSX so it can be tested. */

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
  if (op === "gt" || op === "lt") {
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
    if (patch.op) next.value = coerceConditionValue(patch.op, condition.value === null ? "" : String(condition.value));
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
  const complete = parsed.data.attributes.every((condition) => !VALUE_OPERATORS.has(condition.op) || (condition.value !== null && condition.value !== ""));
  return complete ? parsed.data : null;
}
