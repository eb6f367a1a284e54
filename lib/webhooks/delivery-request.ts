import { DELIVERY_ID_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signatureHeader } from "./signature";

export type OutboxRow = {
  id: number;
  workspaceId: string;
  integrationId: string;
  conversationId: string | null;
  event: string;
  payload: unknown;
  createdAt: Date;
};

/**
 * The body is built only from the stored row, so every attempt of a delivery sends the same
 * bytes; only the signature's timestamp changes between attempts.
 */
export function deliveryBody(row: OutboxRow): string {
  return JSON.stringify({
    id: String(row.id),
    event: row.event,
    created_at: row.createdAt.toISOString(),
    workspace_id: row.workspaceId,
    data: row.payload,
  });
}

export function deliveryHeaders(row: OutboxRow, body: string, secret: string, attempt: number, now: Date = new Date()): Record<string, string> {
  return {
    "Content-Type": "application/json",
    "User-Agent": "Parley-Webhooks/1.0",
    [DELIVERY_ID_HEADER]: String(row.id),
    [EVENT_HEADER]: row.event,
    "Parley-Attempt": String(attempt),
    [SIGNATURE_HEADER]: signatureHeader(secret, body, now),
  };
}
