import { z } from "zod";
import { parseTimeZone } from "@/lib/time/time-zone";

export const FREQUENCY_CAP_LIMITS = { messages: { min: 1, max: 1000 }, days: { min: 1, max: 365 } } as const;

const capNumber = (what: string, { min, max }: { min: number; max: number }) =>
  z.coerce.number().int(`Enter a whole number of ${what}.`).min(min, `Enter at least ${min} ${what}.`).max(max, `Enter at most ${max} ${what}.`);

/** Settings › Outreach: the workspace's time zone and its frequency cap (null: off). */
export const updateOutreachSettingsSchema = z.object({
  timeZone: z
    .string()
    .trim()
    .refine((value) => parseTimeZone(value) !== null, "Choose a time zone from the list (an IANA name, like Europe/Paris)."),
  frequencyCap: z
    .object({
      messages: capNumber("messages", FREQUENCY_CAP_LIMITS.messages),
      days: capNumber("days", FREQUENCY_CAP_LIMITS.days),
    })
    .nullable(),
});
export type UpdateOutreachSettingsInput = z.infer<typeof updateOutreachSettingsSchema>;
