import { z } from "zod";

const config = z.discriminatedUnion("provider", [
  z.object({ provider: z.literal("sandbox"), fromNumber: z.string().trim().min(1, "Enter the number texts come from.") }),
  z.object({
    provider: z.literal("twilio"),
    fromNumber: z.string().trim().min(1, "Enter the number texts come from."),
    accountSid: z.string().trim().min(1, "Enter the Account SID."),
    // Blank on edit keeps the stored token; checked again by the channel config schema.
    authToken: z.string().trim().max(200),
    baseUrl: z.string().trim().max(500).optional(),
  }),
]);

export const smsChannelSchema = z.object({
  workspaceId: z.uuid(),
  name: z.string().trim().min(1, "Name the channel, e.g. “Support SMS”.").max(80, "Keep the name under 80 characters."),
  config,
});

export const updateSmsChannelSchema = smsChannelSchema.extend({ channelId: z.uuid() });

export const sandboxReplySchema = z.object({
  workspaceId: z.uuid(),
  channelId: z.uuid(),
  phone: z.string().trim().min(3, "Enter the phone number.").max(40),
  body: z.string().trim().min(1, "Write the text.").max(1600, "A text is at most 1600 characters."),
});
