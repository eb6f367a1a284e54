import type { RecipientStatus } from "@/lib/results/workflow-results";

export const RECIPIENT_STATUS_LABELS: Record<RecipientStatus, string> = {
  queued: "Queued",
  sent: "Sent",
  delivered: "Delivered",
  seen: "Seen",
  replied: "Replied",
  failed: "Failed",
  skipped: "Skipped",
};

export const RECIPIENT_STATUS_BADGES: Record<RecipientStatus, "neutral" | "primary" | "success" | "warning" | "destructive"> = {
  queued: "neutral",
  sent: "primary",
  delivered: "primary",
  seen: "primary",
  replied: "success",
  failed: "destructive",
  skipped: "warning",
};
