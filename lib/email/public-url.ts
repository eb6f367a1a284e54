import { publicBaseUrl } from "@/lib/urls/app-link";

/** Where a mail provider posts an email channel's inbound raw MIME. */
export function emailInboundUrl(channelId: string): string | null {
  const base = publicBaseUrl();
  return base ? `${base}/api/email/${channelId}/inbound` : null;
}
