import type { ChannelKind } from "@/lib/workflow/customer-destination";

/**
 * A contact's consent on one channel kind. "subscribed" and "unsubscribed" are the contact's
 * choice (contact_channel_consent; no row is subscribed). "bouncing" is a fact about the address
 * the contact has on that kind (email_suppressions, sms_suppressions), read from there and never
 * copied: a contact whose address changes stops bouncing, and two contacts sharing a bad address
 * both bounce. Chat has no address, so it never bounces.
 */
export const CONSENT_STATUSES = ["subscribed", "unsubscribed", "bouncing"] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

export const CONSENT_KINDS = ["chat", "sms", "email"] as const satisfies readonly ChannelKind[];

export const CONSENT_STATUS_LABELS: Record<ConsentStatus, string> = { subscribed: "Subscribed", unsubscribed: "Unsubscribed", bouncing: "Bouncing" };

/** Kinds whose address can bounce (the suppression lists). */
export function canBounce(kind: ChannelKind): kind is "sms" | "email" {
  return kind !== "chat";
}

/** Why outreach on this kind skips a contact: the step log's reason, and the API's refusal. */
export const SKIP_REASONS = {
  unsubscribed: { chat: "unsubscribed from chat", sms: "unsubscribed from SMS", email: "unsubscribed from email" },
  bouncing: { sms: "phone number is bouncing", email: "email address is bouncing" },
} as const satisfies { unsubscribed: Record<ChannelKind, string>; bouncing: Record<"sms" | "email", string> };

export type SkipReason = { status: "unsubscribed" | "bouncing"; reason: string };

/** How a consent came to be, in words after its status ("Unsubscribed by texting STOP"). */
export function consentSourceLabel(source: string | null): string | null {
  if (!source) return null;
  if (source.startsWith("sms:")) return `by texting ${source.slice(4)}`;
  const words: Record<string, string> = {
    "list-unsubscribe": "with the email's unsubscribe link",
    agent: "by a team member",
    carrier: "by replying STOP to the carrier",
    api: "through the API",
    import: "by a contact import",
    bounce: "— the address is on the suppression list",
  };
  return words[source] ?? `(${source})`;
}
