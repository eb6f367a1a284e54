import { z } from "zod";
import { sendRateSchema } from "@/lib/outbox/send-rate";
import { uuidSchema } from "@/lib/validation/uuid";

// What the email channel form sends. An SMTP password left blank on edit keeps the stored one;
// the channel config schema (channel-config.ts) checks the stored config.
const transport = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("default") }),
  z.object({ kind: z.literal("sandbox") }),
  z.object({
    kind: z.literal("smtp"),
    host: z.string().trim().min(1, "Enter the SMTP server's host name."),
    port: z.coerce.number().int().min(1, "Enter a port from 1 to 65535.").max(65535, "Enter a port from 1 to 65535."),
    secure: z.boolean(),
    username: z.string().trim().max(320),
    // Blank on edit keeps the stored password.
    password: z.string().max(500),
  }),
]);

export const emailChannelSchema = z.object({
  name: z.string().trim().min(1, "Name the channel, e.g. “Support email”.").max(80, "Keep the name under 80 characters."),
  fromAddress: z.string().trim().min(1, "Enter the address emails come from.").max(320),
  fromNamePattern: z.string().trim().max(120),
  replyDomain: z.string().trim().min(1, "Enter the domain replies are sent to.").max(253),
  ratePerSecond: sendRateSchema("email"),
  transport,
});

export const updateEmailChannelSchema = emailChannelSchema.extend({ channelId: uuidSchema });
export const rotateInboundSecretSchema = z.object({ channelId: uuidSchema });

export type EmailTransportInput = z.infer<typeof transport>;
export type EmailChannelInput = z.infer<typeof emailChannelSchema>;
export type UpdateEmailChannelInput = z.infer<typeof updateEmailChannelSchema>;
export type RotateInboundSecretInput = z.infer<typeof rotateInboundSecretSchema>;
