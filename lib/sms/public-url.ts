import { readEnv } from "@/lib/env";

/** The app's public base URL (NEXTAUTH_URL, which `npm start` sets), without a trailing slash. */
export function publicBaseUrl(): string | null {
  const url = readEnv().NEXTAUTH_URL;
  return url ? url.replace(/\/+$/, "") : null;
}

export function smsWebhookUrl(channelId: string, kind: "inbound" | "status"): string | null {
  const base = publicBaseUrl();
  return base ? `${base}/api/sms/${channelId}/${kind}` : null;
}
