import { and, eq, inArray, sql } from "drizzle-orm";
import { recordSmsRefusal, smsRefusalOf } from "@/lib/consent/sms-provider-refusals";
import { conversations } from "@/lib/db/schema/conversations";
import { smsDeliveries, type smsDeliveryStatusEnum } from "@/lib/db/schema/sms";
import { advanceFirstMessages, type FirstMessageChange } from "@/lib/outreach-status/first-message-status";
import type { ServiceContext } from "@/lib/services/service-context";

type Status = (typeof smsDeliveryStatusEnum.enumValues)[number];

// A later report must not move a text backwards (a late "sent" after "delivered").
const RANK = { queued: 0, sending: 1, sent: 2, delivered: 3, undelivered: 3, failed: 3, skipped: 3 } as const satisfies Record<Status, number>;

/** Twilio's MessageStatus values to ours; statuses that say nothing new (accepted, queued, sending) map to null. */
export function mapProviderStatus(status: string): Status | null {
  switch (status) {
    case "sent":
      return "sent";
    case "delivered":
    case "read":
      return "delivered";
    case "undelivered":
      return "undelivered";
    case "failed":
      return "failed";
    default:
      return null;
  }
}

/** The same report, for a workflow's first message (lib/outreach-status): a "read" receipt is "seen". */
function firstMessageChange(input: DeliveryStatusInput, status: Status): FirstMessageChange {
  if (input.status === "read") return { status: "seen" };
  if (status === "undelivered" || status === "failed") return { status: "failed", reason: input.errorCode ? `Provider error ${input.errorCode} (${status})` : `The provider reports it ${status}.` };
  return { status: status === "delivered" ? "delivered" : "sent" };
}

export type DeliveryStatusInput = { channelId: string; providerMessageId: string; status: string; errorCode?: string | null };

/** Applies a provider's status callback to the text it names on this channel of the context's workspace; returns whether one changed. */
export async function applyDeliveryStatus(ctx: ServiceContext, input: DeliveryStatusInput): Promise<{ changed: boolean }> {
  const status = mapProviderStatus(input.status);
  if (!status) return { changed: false };
  const behind = (Object.keys(RANK) as Status[]).filter((name) => RANK[name] < RANK[status]);
  const updated = await ctx.tx
    .update(smsDeliveries)
    .set({ status, updatedAt: sql`now()`, error: input.errorCode ? `Provider error ${input.errorCode}` : null })
    .where(
      and(
        eq(smsDeliveries.workspaceId, ctx.workspace.id),
        eq(smsDeliveries.channelId, input.channelId),
        eq(smsDeliveries.providerMessageId, input.providerMessageId),
        inArray(smsDeliveries.status, behind),
      ),
    )
    .returning({ id: smsDeliveries.id, conversationId: smsDeliveries.conversationId, toNumber: smsDeliveries.toNumber });
  // A failure whose code says the number will never take a text (STOP at the carrier, not a
  // mobile number) marks it, as the same refusal at send time does (lib/sms/sms-outbox.ts).
  if ((status === "failed" || status === "undelivered") && smsRefusalOf(input.errorCode) && updated.length > 0) {
    const owners = await ctx.tx
      .select({ id: conversations.id, contactId: conversations.contactId })
      .from(conversations)
      .where(and(eq(conversations.workspaceId, ctx.workspace.id), inArray(conversations.id, updated.map((row) => row.conversationId))));
    const contactOf = new Map(owners.map((owner) => [owner.id, owner.contactId]));
    for (const row of updated) {
      const contactId = contactOf.get(row.conversationId);
      if (contactId) await recordSmsRefusal(ctx.tx, { workspaceId: ctx.workspace.id, contactId, phone: row.toNumber, code: input.errorCode });
    }
  }
  await advanceFirstMessages(ctx.tx, ctx.workspace.id, { smsDeliveryIds: updated.map((row) => row.id) }, firstMessageChange(input, status));
  return { changed: updated.length > 0 };
}
