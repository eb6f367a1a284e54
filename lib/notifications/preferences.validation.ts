import { z } from "zod";

export const EMAIL_AFTER_MINUTES_DEFAULT = 10;
export const EMAIL_AFTER_MINUTES_MAX = 24 * 60;

export const notificationPreferencesSchema = z.object({
  newConversation: z.boolean(),
  contactMessage: z.boolean(),
  desktop: z.boolean(),
  email: z.boolean(),
  emailAfterMinutes: z.coerce
    .number()
    .int("Enter a whole number of minutes.")
    .min(1, "At least 1 minute.")
    .max(EMAIL_AFTER_MINUTES_MAX, "At most 1440 minutes (a day)."),
});

export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;
