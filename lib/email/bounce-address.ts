import { createHmac, timingSafeEqual } from "node:crypto";
import { authSecret } from "@/lib/auth/secret";

// Each email is sent with its own envelope sender (VERP): bounce+<delivery id>-<signature>@<reply
// domain>. A delivery status notification comes back to that address, so Parley knows which
// delivery bounced and to which address it went; a report sent anywhere else, or to a bounce
// address whose signature does not match, is not trusted. Signed with the install's secret (as
// unsubscribe links are) so nobody can forge a bounce for a delivery they cannot name and sign.

function signature(deliveryId: number): string {
  const secret = authSecret();
  if (!secret) throw new Error("No auth secret: bounce addresses cannot be signed.");
  // Hex: some mail servers lower-case local parts.
  return createHmac("sha256", secret).update(`email-bounce:${deliveryId}`).digest("hex").slice(0, 24);
}

export function bounceAddress(replyDomain: string, deliveryId: number): string {
  return `bounce+${deliveryId}-${signature(deliveryId)}@${replyDomain}`;
}

/** The delivery a bounce address names, when its signature matches; null for any other address. */
export function bounceDeliveryIdOf(address: string): number | null {
  const match = /^bounce\+(\d{1,18})-([0-9a-f]{24})@/i.exec(address.trim());
  if (!match) return null;
  const id = Number(match[1]);
  if (!Number.isSafeInteger(id)) return null;
  const expected = Buffer.from(signature(id));
  const given = Buffer.from(match[2]!.toLowerCase());
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
}
