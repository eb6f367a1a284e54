import { readEnv } from "@/lib/env";
import { publicBaseUrl } from "@/lib/sms/public-url";

/** How long an invitation's link works after it was issued (sent, resent or copied). */
export const INVITATION_TTL_SECONDS = 7 * 24 * 60 * 60;

/** The path of the accept page for a token (what "Copy link" hands the browser, which adds its own origin). */
export function invitationPath(token: string): string {
  return `/invite?token=${encodeURIComponent(token)}`;
}

/** The full link a mail carries: the public URL (NEXTAUTH_URL, which `npm start` sets), else where the app listens. */
export function invitationUrl(token: string): string {
  const env = readEnv();
  return `${publicBaseUrl() ?? `http://${env.HOSTNAME}:${env.PORT}`}${invitationPath(token)}`;
}
