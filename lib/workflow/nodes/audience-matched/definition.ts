import { z } from "zod";
import { audienceFilterSchema, describeAudienceFilter } from "../../audience/audience-filter";
import { defineNode, NEXT_PORT } from "../../node-definition";

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

const SCHEDULE_WORDS: Record<AudienceSchedule, string> = {
  every_15_minutes: "every 15 minutes",
  hourly: "every hour",
  daily: "every day",
};

export const audienceMatchedDefinition = defineNode({
  type: "audience_matched",
  category: "trigger",
  label: "Audience Matched",
  description: "Starts for each contact who matches a filter: checked when published, then on a schedule.",
  icon: "Users",
  configSchema: audienceMatchedConfigSchema,
  inputs: [],
  outputs: [NEXT_PORT],
  fields: {
    filter: { label: "Audience" },
    schedule: {
      label: "Check for new matches",
      options: [
        { value: "every_15_minutes", label: "Every 15 minutes" },
        { value: "hourly", label: "Every hour" },
        { value: "daily", label: "Every day" },
      ],
    },
  },
  summarize: (config) => `${describeAudienceFilter(config.filter)} · checked ${SCHEDULE_WORDS[config.schedule]}`,
  needsConversation: false,
});
