import { createHmac, timingSafeEqual } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { authSecret } from "@/lib/auth/secret";
import type { DbOrTx } from "@/lib/db/client";
import { contactChannelConsent } from "@/lib/db/schema/email";
import { workspaces } from "@/lib/db/schema/workspaces";
import { appLink } from "@/lib/urls/app-link";
import { uuidSchema } from "@/lib/validation/uuid";
import { workspaceIsLive } from "@/lib/workspace/live-workspace";

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

/** The link's query (w, c, s), as the unsubscribe page and the one-click route both read it. */
export type UnsubscribeParams = { w?: unknown; c?: unknown; s?: unknown };

export type UnsubscribeLink = {
  workspace: { id: string; plan: (typeof workspaces.$inferSelect)["plan"]; name: string };
  contactId: string;
  /** The contact is already unsubscribed from this workspace's email. */
  unsubscribed: boolean;
  /** The query string of the link, for the page's form to post back to the route. */
  query: string;
};

/** A signed unsubscribe link of a live workspace, or null (unsigned, forged, or the workspace is gone). */
export async function readUnsubscribeLink(db: DbOrTx, params: UnsubscribeParams): Promise<UnsubscribeLink | null> {
  const { w, c, s } = params;
  if (typeof w !== "string" || typeof c !== "string" || typeof s !== "string") return null;
  if (!uuidSchema.safeParse(w).success || !uuidSchema.safeParse(c).success || !verifyUnsubscribe(w, c, s)) return null;
  const [workspace] = await db
    .select({ id: workspaces.id, plan: workspaces.plan, name: workspaces.name })
    .from(workspaces)
    .where(and(eq(workspaces.id, w), workspaceIsLive()));
  if (!workspace) return null;
  const [consent] = await db
    .select({ status: contactChannelConsent.status })
    .from(contactChannelConsent)
    .where(and(eq(contactChannelConsent.workspaceId, w), eq(contactChannelConsent.contactId, c), eq(contactChannelConsent.channelKind, "email")));
  return { workspace, contactId: c, unsubscribed: consent?.status === "unsubscribed", query: new URLSearchParams({ w, c, s }).toString() };
}

/** The page a person opening the link sees (app/(auth)/unsubscribe): one button that posts to the route. */
export const UNSUBSCRIBE_PAGE_PATH = "/unsubscribe";
