import { appLink } from "@/lib/urls/app-link";

/** How long an invitation's link works after it was issued (sent, resent or copied). */
export const INVITATION_TTL_SECONDS = 7 * 24 * 60 * 60;

/** The path of the accept page for a token (what "Copy link" hands the browser, which adds its own origin). */
export function invitationPath(token: string): string {
  return `/invite?token=${encodeURIComponent(token)}`;
}

/** The full link a mail carries. */
export const invitationUrl = (token: string) => appLink(invitationPath(token));
