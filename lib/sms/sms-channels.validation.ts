import { z } from "zod";
import { sendRateSchema } from "@/lib/outbox/send-rate";
import { uuidSchema } from "@/lib/validation/uuid";

// What the SMS channel form and the sandbox send. A Twilio auth token left blank on edit keeps
// the stored one; the channel config schema (channel-config.ts) checks the stored config.
// Blank: the default answer to HELP (lib/sms/keywords.ts).
const helpText = z.string().trim().max(320, "Keep the help text under 320 characters.").optional();
// Left out: the default rate (lib/outbox/send-rate.ts).
const ratePerSecond = sendRateSchema("text").optional();
const config = z.discriminatedUnion("provider", [
  z.object({ provider: z.literal("sandbox"), fromNumber: z.string().trim().min(1, "Enter the number texts come from."), helpText, ratePerSecond }),
  z.object({
    provider: z.literal("twilio"),
    fromNumber: z.string().trim().min(1, "Enter the number texts come from."),
    accountSid: z.string().trim().min(1, "Enter the Account SID."),
    // Blank on edit keeps the stored token; checked again by the channel config schema.
    authToken: z.string().trim().max(200),
    baseUrl: z.string().trim().max(500).optional(),
    helpText,
    ratePerSecond,
  }),
]);

export const smsChannelSchema = z.object({
  name: z.string().trim().min(1, "Name the channel, e.g. “Support SMS”.").max(80, "Keep the name under 80 characters."),
  config,
});

export const updateSmsChannelSchema = smsChannelSchema.extend({ channelId: uuidSchema });

export const sandboxReplySchema = z.object({
  channelId: uuidSchema,
  phone: z.string().trim().min(3, "Enter the phone number.").max(40),
  body: z.string().trim().min(1, "Write the text.").max(1600, "A text is at most 1600 characters."),
});

export type SmsConfigInput = z.infer<typeof config>;
export type SmsChannelInput = z.infer<typeof smsChannelSchema>;
export type UpdateSmsChannelInput = z.infer<typeof updateSmsChannelSchema>;
export type SandboxReplyInput = z.infer<typeof sandboxReplySchema>;
