import { createHmac, timingSafeEqual } from "node:crypto";
import { authSecret } from "@/lib/auth/secret";
import { appLink } from "@/lib/urls/app-link";

/** How long a URL handed to a webhook receiver or an API client works: past every delivery retry. */
export const EXTERNAL_URL_TTL_SECONDS = 7 * 24 * 60 * 60;
/** How long a URL on the chat page works: the page asks for fresh ones whenever it reloads its messages. */
export const CHAT_URL_TTL_SECONDS = 60 * 60;

export const SIGNED_ATTACHMENT_PATH = "/api/attachments";

function key(): string {
  const secret = authSecret();
  if (!secret) throw new Error("No auth secret: attachment URLs cannot be signed.");
  // Its own key, derived from the app's secret: a session token's mac never verifies as a URL's.
  return createHmac("sha256", secret).update("parley-attachment-url").digest("base64url");
}

function mac(attachmentId: string, expires: number): string {
  return createHmac("sha256", key()).update(`${attachmentId}.${expires}`).digest("base64url");
}

/**
 * A URL anyone holding it may fetch the attachment by until it expires: what webhooks, the API
 * and the chat page carry (an <img> cannot send the chat's session header). Whoever is given it
 * was already allowed to see the message.
 */
export function signedAttachmentPath(attachmentId: string, ttlSeconds: number, now: Date = new Date()): string {
  const expires = Math.floor(now.getTime() / 1000) + ttlSeconds;
  return `${SIGNED_ATTACHMENT_PATH}/${attachmentId}?expires=${expires}&signature=${mac(attachmentId, expires)}`;
}

export function signedAttachmentUrl(attachmentId: string, ttlSeconds: number = EXTERNAL_URL_TTL_SECONDS, now?: Date): string {
  return appLink(signedAttachmentPath(attachmentId, ttlSeconds, now));
}

/** Whether a signed URL's parts are genuine and not yet expired. */
export function verifyAttachmentSignature(attachmentId: string, expires: string | null, signature: string | null, now: Date = new Date()): boolean {
  if (!expires || !signature || !/^\d{1,12}$/.test(expires)) return false;
  const at = Number(expires);
  if (at * 1000 < now.getTime()) return false;
  const expected = Buffer.from(mac(attachmentId, at));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
