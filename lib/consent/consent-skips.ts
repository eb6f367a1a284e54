import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { uuidArray } from "@/lib/db/sql-params";
import { smsSuppressions } from "@/lib/db/schema/consent";
import { contactChannelConsent, emailSuppressions } from "@/lib/db/schema/email";
import type { ChannelKind } from "@/lib/workflow/customer-destination";
import { canBounce, SKIP_REASONS, type SkipReason } from "./consent-status";

export type Recipient = { contactId: string; address: string };

/** How an address is kept in its kind's suppression list: emails lower-cased, numbers as E.164. */
export function suppressionKey(kind: "sms" | "email", address: string): string {
  return kind === "email" ? address.trim().toLowerCase() : address.trim();
}

/** The addresses among these that bounce on this kind (one statement). */
export async function bouncingAddresses(db: DbOrTx, workspaceId: string, kind: ChannelKind, addresses: readonly string[]): Promise<Set<string>> {
  const keys = canBounce(kind) ? [...new Set(addresses.filter((address) => address.trim() !== "").map((address) => suppressionKey(kind, address)))] : [];
  if (keys.length === 0 || !canBounce(kind)) return new Set();
  if (kind === "email") {
    const rows = await db
      .select({ address: emailSuppressions.address })
      .from(emailSuppressions)
      .where(and(eq(emailSuppressions.workspaceId, workspaceId), inArray(emailSuppressions.address, keys)));
    return new Set(rows.map((row) => row.address));
  }
  const rows = await db
    .select({ phone: smsSuppressions.phone })
    .from(smsSuppressions)
    .where(and(eq(smsSuppressions.workspaceId, workspaceId), inArray(smsSuppressions.phone, keys)));
  return new Set(rows.map((row) => row.phone));
}

/**
 * Why outreach on a channel of this kind must not reach these recipients: the reason per contact
 * id, for those to skip (two statements per batch, whatever its size). An unsubscribe stops
 * outreach (a workflow's or the API's messages before the contact has written): a request to stop
 * the mailings, not to go unanswered, so an agent's answer to someone who wrote still goes
 * (`outreach: false` checks only bouncing). A bouncing address gets nothing.
 */
export async function skipReasonsFor(
  db: DbOrTx,
  input: { workspaceId: string; kind: ChannelKind; outreach: boolean; recipients: readonly Recipient[] },
): Promise<Map<string, SkipReason>> {
  const reasons = new Map<string, SkipReason>();
  if (input.recipients.length === 0) return reasons;
  if (input.outreach) {
    const unsubscribed = await db
      .select({ contactId: contactChannelConsent.contactId })
      .from(contactChannelConsent)
      .where(
        and(
          eq(contactChannelConsent.workspaceId, input.workspaceId),
          eq(contactChannelConsent.channelKind, input.kind),
          eq(contactChannelConsent.status, "unsubscribed"),
          // One array parameter: a fan-out batch asks about a thousand contacts at once.
          sql`${contactChannelConsent.contactId} = ANY(${uuidArray([...new Set(input.recipients.map((r) => r.contactId))])})`,
        ),
      );
    for (const row of unsubscribed) reasons.set(row.contactId, { status: "unsubscribed", reason: SKIP_REASONS.unsubscribed[input.kind] });
  }
  const { kind } = input;
  if (!canBounce(kind)) return reasons;
  const bouncing = await bouncingAddresses(db, input.workspaceId, kind, input.recipients.map((r) => r.address));
  for (const recipient of input.recipients) {
    if (!reasons.has(recipient.contactId) && recipient.address.trim() !== "" && bouncing.has(suppressionKey(kind, recipient.address))) {
      reasons.set(recipient.contactId, { status: "bouncing", reason: SKIP_REASONS.bouncing[kind] });
    }
  }
  return reasons;
}

/** skipReasonsFor for one recipient (the API, the email outbox at send time). */
export async function skipReasonFor(
  db: DbOrTx,
  input: { workspaceId: string; kind: ChannelKind; outreach: boolean; contactId: string; address: string },
): Promise<SkipReason | null> {
  const reasons = await skipReasonsFor(db, { ...input, recipients: [{ contactId: input.contactId, address: input.address }] });
  return reasons.get(input.contactId) ?? null;
}
