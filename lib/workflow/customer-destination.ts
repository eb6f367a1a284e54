import { isValidPhoneNumber } from "libphonenumber-js";
import { parseVariableToken } from "@/lib/rich-text/variable-syntax";
import { uuidSchema } from "@/lib/validation/uuid";

export type ChannelKind = "chat" | "sms";

const uuid = uuidSchema;

/** What an empty Customer destination means on each kind of channel. */
export const DEFAULT_DESTINATION: Record<ChannelKind, string> = { chat: "", sms: "{{phone}}" };

export function isE164(value: string): boolean {
  return /^\+[1-9]\d{6,14}$/.test(value) && isValidPhoneNumber(value);
}

/**
 * Checks a Customer destination as configured (before variables are filled in): a chat session
 * id or an E.164 number, or exactly one variable that will produce one. Returns a message or null.
 */
export function checkConfiguredDestination(kind: ChannelKind, destination: string): string | null {
  const value = destination.trim();
  if (value === "") return null;
  if (parseVariableToken(value)) return null;
  if (value.includes("{{")) return "Use a single variable such as {{phone}}, or a fixed value, not a mix.";
  if (kind === "chat") return uuid.safeParse(value).success ? null : "On a chat channel this is a chat session ID, or {{session.id}}.";
  return isE164(value) ? null : "On an SMS channel this is a phone number in international format, e.g. +14155550123, or {{phone}}.";
}

/** Checks the destination once variables are filled in for one contact. */
export function checkResolvedDestination(kind: ChannelKind, value: string): string | null {
  if (kind === "chat") return value === "" || uuid.safeParse(value).success ? null : `“${value}” is not a chat session ID.`;
  return isE164(value) ? null : `“${value}” is not a phone number in international format.`;
}
