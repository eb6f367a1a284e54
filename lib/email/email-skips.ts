import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { contactChannelConsent, emailSuppressions } from "@/lib/db/schema/email";

export const UNSUBSCRIBED_FROM_EMAIL = "unsubscribed from email";
export const EMAIL_ADDRESS_BOUNCING = "email address is bouncing";

/**
 * Why Parley must not send this email to this address, or null. An unsubscribe stops outreach
 * (a workflow's or the API's messages before the contact has written): it is a request to stop
 * the mailings, not to go unanswered, so an agent's answer to someone who wrote still goes. A
 * bouncing or complaining address gets nothing.
 */
export async function skipReasonFor(db: DbOrTx, input: { workspaceId: string; contactId: string; address: string; outreach: boolean }): Promise<string | null> {
  if (input.outreach) {
    const [consent] = await db
      .select({ status: contactChannelConsent.status })
      .from(contactChannelConsent)
      .where(and(eq(contactChannelConsent.workspaceId, input.workspaceId), eq(contactChannelConsent.contactId, input.contactId), eq(contactChannelConsent.channelKind, "email")));
    if (consent?.status === "unsubscribed") return UNSUBSCRIBED_FROM_EMAIL;
  }
  const [suppressed] = await db
    .select({ reason: emailSuppressions.reason })
    .from(emailSuppressions)
    .where(and(eq(emailSuppressions.workspaceId, input.workspaceId), eq(emailSuppressions.address, sql`lower(${input.address})`)));
  return suppressed ? EMAIL_ADDRESS_BOUNCING : null;
}

/** skipReasonFor for a whole batch (a workflow step's contacts): the reason per contact id, for those to skip. */
export async function skipReasonsFor(db: DbOrTx, workspaceId: string, recipients: readonly { contactId: string; address: string }[]): Promise<Map<string, string>> {
  const reasons = new Map<string, string>();
  if (recipients.length === 0) return reasons;
  const unsubscribed = await db
    .select({ contactId: contactChannelConsent.contactId })
    .from(contactChannelConsent)
    .where(
      and(
        eq(contactChannelConsent.workspaceId, workspaceId),
        eq(contactChannelConsent.channelKind, "email"),
        eq(contactChannelConsent.status, "unsubscribed"),
        inArray(contactChannelConsent.contactId, [...new Set(recipients.map((r) => r.contactId))]),
      ),
    );
  for (const row of unsubscribed) reasons.set(row.contactId, UNSUBSCRIBED_FROM_EMAIL);
  const suppressed = await db
    .select({ address: emailSuppressions.address })
    .from(emailSuppressions)
    .where(and(eq(emailSuppressions.workspaceId, workspaceId), inArray(emailSuppressions.address, [...new Set(recipients.map((r) => r.address.toLowerCase()))])));
  const bouncing = new Set(suppressed.map((row) => row.address));
  for (const recipient of recipients) {
    if (!reasons.has(recipient.contactId) && bouncing.has(recipient.address.toLowerCase())) reasons.set(recipient.contactId, EMAIL_ADDRESS_BOUNCING);
  }
  return reasons;
}
