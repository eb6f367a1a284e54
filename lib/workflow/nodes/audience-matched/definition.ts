import Users from "lucide-react/icons/users";
import { z } from "zod";
import { parseCalendarDate } from "@/lib/contacts/attribute-types";
import { audienceFilterSchema, describeAudienceFilter, NUMERIC_OPERATORS, VALUE_OPERATORS, withinDaysSchema } from "@/lib/workflow/audience/audience-filter";
import { defineNode, NEXT_PORT, type NodeIssue } from "@/lib/workflow/node-definition";

export const AUDIENCE_SCHEDULES = ["every_15_minutes", "hourly", "daily"] as const;
export type AudienceSchedule = (typeof AUDIENCE_SCHEDULES)[number];

export const AUDIENCE_SCHEDULE_SECONDS: Record<AudienceSchedule, number> = {
  every_15_minutes: 15 * 60,
  hourly: 3_600,
  daily: 86_400,
};

export const audienceMatchedConfigSchema = z.strictObject({
  filter: audienceFilterSchema.default(() => audienceFilterSchema.parse({})),
  schedule: z.enum(AUDIENCE_SCHEDULES).default("hourly"),
});
export type AudienceMatchedConfig = z.infer<typeof audienceMatchedConfigSchema>;

export const ports = { next: NEXT_PORT } as const;

const SCHEDULE_WORDS: Record<AudienceSchedule, string> = {
  every_15_minutes: "every 15 minutes",
  hourly: "every hour",
  daily: "every day",
};

function checkFilter(config: AudienceMatchedConfig): NodeIssue[] {
  const issues: NodeIssue[] = [];
  config.filter.attributes.forEach((condition, index) => {
    const field = `filter.attributes.${index}`;
    if (condition.key.includes(".")) {
      issues.push({ field: `${field}.key`, message: `“${condition.key}” is not a contact attribute name (names can't contain dots).` });
    }
    if (VALUE_OPERATORS.has(condition.op) && (condition.value === null || condition.value === "" || (Array.isArray(condition.value) && condition.value.length === 0))) {
      issues.push({ field: `${field}.value`, message: `Enter a value to compare “${condition.key}” with.` });
    } else if (NUMERIC_OPERATORS.has(condition.op) && !Number.isFinite(Number(condition.value))) {
      issues.push({ field: `${field}.value`, message: `“${condition.key}” can only be compared as greater or less than a number.` });
    } else if ((condition.op === "before" || condition.op === "after") && !(typeof condition.value === "string" && parseCalendarDate(condition.value.trim()))) {
      issues.push({ field: `${field}.value`, message: `Enter the date to compare “${condition.key}” with as YYYY-MM-DD.` });
    } else if (condition.op === "within_last_days" && !withinDaysSchema.safeParse(Number(condition.value)).success) {
      issues.push({ field: `${field}.value`, message: `Enter a whole number of days from 1 to 3,650 for “${condition.key}”.` });
    }
  });
  return issues;
}

export const audienceMatchedDefinition = defineNode({
  type: "audience_matched",
  category: "trigger",
  audienceTrigger: true,
  label: "Audience Matched",
  description: "Starts for each contact who matches a filter: checked when published, then on a schedule.",
  icon: Users,
  configSchema: audienceMatchedConfigSchema,
  inputs: [],
  outputs: [ports.next],
  fields: {
    filter: { label: "Audience", control: "audience-filter" },
    schedule: {
      label: "Check for new matches",
      control: "choice",
      options: [
        { value: "every_15_minutes", label: "Every 15 minutes" },
        { value: "hourly", label: "Every hour" },
        { value: "daily", label: "Every day" },
      ],
    },
  },
  summarize: (config) => `${describeAudienceFilter(config.filter)} · checked ${SCHEDULE_WORDS[config.schedule]}`,
  needsConversation: false,
  validate: checkFilter,
  loadExecutor: typeof window === "undefined" ? () => import("./executor") : undefined,
});
