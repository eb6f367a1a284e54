import { sql } from "drizzle-orm";
import { getDb } from "../db/client";

// A later report must not move a text backwards (a late "sent" after "delivered").
const RANK = { queued: 0, sending: 1, sent: 2, delivered: 3, undelivered: 3, failed: 3 } as const;
type Status = keyof typeof RANK;

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

/** Applies a provider's status callback to the text it names on this channel; returns whether one changed. */
export async function applyDeliveryStatus(input: {
  workspaceId: string;
  channelId: string;
  providerMessageId: string;
  status: string;
  errorCode?: string | null;
}): Promise<boolean> {
  const status = mapProviderStatus(input.status);
  if (!status) return false;
  const behind = Object.entries(RANK)
    .filter(([, rank]) => rank < RANK[status])
    .map(([name]) => name);
  const updated = await getDb().execute(sql`
    UPDATE sms_deliveries
    SET status = ${status}::sms_delivery_status, updated_at = now(),
        error = ${input.errorCode ? `Provider error ${input.errorCode}` : null}
    WHERE workspace_id = ${input.workspaceId} AND channel_id = ${input.channelId}
      AND provider_message_id = ${input.providerMessageId}
      AND status::text = ANY(${sql.param(behind)}::text[])`);
  return (updated.rowCount ?? 0) > 0;
}
