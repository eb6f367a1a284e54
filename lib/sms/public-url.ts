import { publicBaseUrl } from "@/lib/urls/app-link";

export function smsWebhookUrl(channelId: string, kind: "inbound" | "status"): string | null {
  const base = publicBaseUrl();
  return base ? `${base}/api/sms/${channelId}/${kind}` : null;
}
