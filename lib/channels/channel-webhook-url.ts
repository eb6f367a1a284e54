import { publicBaseUrl } from "@/lib/urls/app-link";

/** The routes a provider calls on an SMS or email channel (app/api/sms/[channelId]/*, app/api/email/[channelId]/*). */
export type ChannelWebhook = { kind: "sms"; endpoint: "inbound" | "status" } | { kind: "email"; endpoint: "inbound" | "events" };

/**
 * Where a provider reaches a channel, on the app's public base URL; null when none is configured
 * (a provider cannot call a relative URL, so the settings page shows the path instead).
 */
export function channelWebhookUrl(channelId: string, webhook: ChannelWebhook): string | null {
  const base = publicBaseUrl();
  return base ? `${base}/api/${webhook.kind}/${channelId}/${webhook.endpoint}` : null;
}
