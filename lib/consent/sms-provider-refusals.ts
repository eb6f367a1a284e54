import type { DbOrTx } from "@/lib/db/client";
import { smsSuppressions } from "@/lib/db/schema/consent";
import { suppressionKey } from "./consent-skips";
import { writeConsentChoice } from "./contact-consent";

// A provider's error codes that say a number will never take our texts, so sending again only
// fails again (Twilio's codes; Twilio-compatible providers reuse them):
// - 21610: the recipient replied STOP to the carrier — an unsubscribe as surely as a STOP to us;
// - 21211 / 21614: the number is not valid, or not a mobile one — the number bounces.
const REFUSALS: Record<string, "unsubscribed" | "bouncing"> = { "21610": "unsubscribed", "21211": "bouncing", "21614": "bouncing" };

/** What a provider's error code means for the number's consent, or null when it says nothing lasting. */
export function smsRefusalOf(code: string | number | null | undefined): "unsubscribed" | "bouncing" | null {
  return code === null || code === undefined ? null : (REFUSALS[String(code).trim()] ?? null);
}

/**
 * Records what a permanent provider refusal says (from a send's error or a status callback): the
 * contact unsubscribed from SMS, or the number on the SMS suppression list. Either way the next
 * outreach skips them (lib/consent/consent-skips.ts). Returns what was recorded, or null.
 */
export async function recordSmsRefusal(
  tx: DbOrTx,
  input: { workspaceId: string; contactId: string; phone: string | null; code: string | number | null | undefined },
): Promise<"unsubscribed" | "bouncing" | null> {
  const refusal = smsRefusalOf(input.code);
  if (refusal === "unsubscribed") {
    await writeConsentChoice(tx, { workspaceId: input.workspaceId, contactId: input.contactId, kind: "sms", status: "unsubscribed", source: "carrier" });
  } else if (refusal === "bouncing") {
    if (!input.phone) return null;
    await tx
      .insert(smsSuppressions)
      .values({ workspaceId: input.workspaceId, phone: suppressionKey("sms", input.phone), reason: "bounce", detail: `The provider refused the number (error ${input.code})` })
      .onConflictDoNothing();
  }
  return refusal;
}
