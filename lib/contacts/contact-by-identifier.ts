import { and, eq, sql } from "drizzle-orm";
import { contacts } from "@/lib/db/schema/contacts";
import { SafeError } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/service-context";
import { contactIsLive } from "./live-contact";

/** How an inbound message names its sender: an email address (matched ignoring case) or an E.164 phone number. */
export type ContactIdentifier = { email: string } | { phone: string };

/**
 * The live contact of the context's workspace with this email or phone, created (with the name
 * given, if any) when there is none: how an inbound email or text finds its sender. One INSERT …
 * ON CONFLICT DO NOTHING on the workspace's unique email / phone index, so two messages from a
 * new sender arriving at once create one contact: the second insert waits for the first to
 * commit, does nothing, and then reads the winner.
 */
export async function contactByIdentifier(
  ctx: ServiceContext,
  identifier: ContactIdentifier,
  name: { firstName?: string | null; lastName?: string | null } = {},
): Promise<{ contactId: string; created: boolean }> {
  const workspaceId = ctx.workspace.id;
  const value = "email" in identifier ? { email: identifier.email.toLowerCase() } : { phone: identifier.phone };
  const matches = "email" in identifier ? sql`lower(${contacts.email}) = ${value.email}` : eq(contacts.phone, identifier.phone);
  const [existing] = await ctx.tx.select({ id: contacts.id }).from(contacts).where(and(eq(contacts.workspaceId, workspaceId), contactIsLive(), matches));
  if (existing) return { contactId: existing.id, created: false };
  const [created] = await ctx.tx
    .insert(contacts)
    .values({ workspaceId, ...value, firstName: name.firstName ?? null, lastName: name.lastName ?? null })
    .onConflictDoNothing()
    .returning({ id: contacts.id });
  if (created) return { contactId: created.id, created: true };
  const [winner] = await ctx.tx.select({ id: contacts.id }).from(contacts).where(and(eq(contacts.workspaceId, workspaceId), contactIsLive(), matches));
  if (winner) return { contactId: winner.id, created: false };
  // The address is still held by a contact an erasure is removing: the sender may try again once it is gone.
  throw new SafeError("conflict", "This sender belongs to a contact being erased; try again in a few minutes.");
}
