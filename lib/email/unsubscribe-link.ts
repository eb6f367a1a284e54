import { createHmac, timingSafeEqual } from "node:crypto";
import { authSecret } from "@/lib/auth/secret";
import { appLink } from "@/lib/urls/app-link";

// The one-click unsubscribe link (RFC 8058) names the workspace and contact and is signed with
// the install's secret, so nobody can unsubscribe a contact they cannot name and sign for. It
// never expires: an old email's link must keep working.

function signature(workspaceId: string, contactId: string): string {
  const secret = authSecret();
  if (!secret) throw new Error("No auth secret: unsubscribe links cannot be signed.");
  return createHmac("sha256", secret).update(`unsubscribe:email:${workspaceId}:${contactId}`).digest("base64url");
}

export function unsubscribeUrl(workspaceId: string, contactId: string): string {
  return appLink(`/api/email/unsubscribe?w=${workspaceId}&c=${contactId}&s=${signature(workspaceId, contactId)}`);
}

export function verifyUnsubscribe(workspaceId: string, contactId: string, given: string): boolean {
  const expected = Buffer.from(signature(workspaceId, contactId));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
