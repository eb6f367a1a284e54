import { z } from "zod";
import { outboundUrlSchema } from "@/lib/net/outbound-url";
import { DEFAULT_SEND_RATE, sendRateSchema } from "@/lib/outbox/send-rate";
import { toE164 } from "./phone";

const e164 = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const phone = toE164(value);
    if (!phone) ctx.addIssue({ code: "custom", message: "Enter a phone number in international format, e.g. +14155550123." });
    return phone ?? value;
  });

export const TWILIO_DEFAULT_BASE_URL = "https://api.twilio.com";

// What the channel answers a contact who texts HELP or INFO; blank answers the default
// (lib/sms/keywords.ts defaultSmsHelpText). Carriers cap a help answer near two segments.
const helpText = z.string().trim().max(320, "Keep the help text under 320 characters.").default("");
// At most this many texts a second go to the provider (a Twilio long code takes about one; a
// short code or a messaging service more): the outbox holds the rest back, never a worker.
const ratePerSecond = sendRateSchema("text").default(DEFAULT_SEND_RATE);

/**
 * What an SMS channel keeps in channels.config. The auth token is a secret the server needs in
 * clear (to call the provider and check its webhook signatures); it is never sent back to a browser.
 */
export const smsChannelConfigSchema = z.discriminatedUnion("provider", [
  z.strictObject({ provider: z.literal("sandbox"), fromNumber: e164, helpText, ratePerSecond }),
  z.strictObject({
    provider: z.literal("twilio"),
    fromNumber: e164,
    accountSid: z.string().trim().regex(/^[A-Za-z0-9_-]{2,64}$/, "The Account SID is letters and digits, e.g. AC0123…"),
    authToken: z.string().trim().min(8, "Paste the auth token from the provider's console.").max(200),
    // Twilio-compatible providers and test doubles answer the same REST API at another address.
    baseUrl: outboundUrlSchema(TWILIO_DEFAULT_BASE_URL).default(TWILIO_DEFAULT_BASE_URL),
    helpText,
    ratePerSecond,
  }),
]);
export type SmsChannelConfig = z.infer<typeof smsChannelConfigSchema>;

export function readSmsConfig(config: unknown): SmsChannelConfig | null {
  const parsed = smsChannelConfigSchema.safeParse(config);
  return parsed.success ? parsed.data : null;
}

/** The config as a browser may see it: everything but the auth token. */
export function publicSmsConfig(config: SmsChannelConfig) {
  if (config.provider === "sandbox") return config;
  return { provider: config.provider, fromNumber: config.fromNumber, accountSid: config.accountSid, baseUrl: config.baseUrl, helpText: config.helpText, ratePerSecond: config.ratePerSecond, hasAuthToken: true };
}
