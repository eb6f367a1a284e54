import { isValidPhoneNumber } from "libphonenumber-js";
import { z } from "zod";
import { parseVariableToken } from "@/lib/rich-text/variable-syntax";
import { uuidSchema } from "@/lib/validation/uuid";

/** The kinds of channel (the channel_kind enum of lib/db/schema/enums.ts, kept free of drizzle for the browser). */
export type ChannelKind = "chat" | "sms" | "email";

export const CHANNEL_KIND_LABELS: Record<ChannelKind, string> = { chat: "Chat", sms: "SMS", email: "Email" };

const uuid = uuidSchema;
const emailAddress = z.email().max(320);

/** What an empty Customer destination means on each kind of channel. */
export const DEFAULT_DESTINATION: Record<ChannelKind, string> = { chat: "", sms: "{{phone}}", email: "{{email}}" };

export function isE164(value: string): boolean {
  return /^\+[1-9]\d{6,14}$/.test(value) && isValidPhoneNumber(value);
}

export function isEmailAddress(value: string): boolean {
  return emailAddress.safeParse(value).success;
}

/**
 * Checks a Customer destination as configured (before variables are filled in): a chat session
 * id, an E.164 number or an email address, or exactly one variable that will produce one.
 * Returns a message or null.
 */
export function checkConfiguredDestination(kind: ChannelKind, destination: string): string | null {
  const value = destination.trim();
  if (value === "") return null;
  if (parseVariableToken(value)) return null;
  if (value.includes("{{")) return `Use a single variable such as ${kind === "email" ? "{{email}}" : "{{phone}}"}, or a fixed value, not a mix.`;
  if (kind === "chat") return uuid.safeParse(value).success ? null : "On a chat channel this is a chat session ID, or {{session.id}}.";
  if (kind === "email") return isEmailAddress(value) ? null : "On an email channel this is an email address, e.g. ada@example.com, or {{email}}.";
  return isE164(value) ? null : "On an SMS channel this is a phone number in international format, e.g. +14155550123, or {{phone}}.";
}

/** Checks the destination once variables are filled in for one contact. */
export function checkResolvedDestination(kind: ChannelKind, value: string): string | null {
  if (kind === "chat") return value === "" || uuid.safeParse(value).success ? null : `“${value}” is not a chat session ID.`;
  if (kind === "email") return isEmailAddress(value) ? null : `“${value}” is not an email address.`;
  return isE164(value) ? null : `“${value}” is not a phone number in international format.`;
}
