import { and, eq } from "drizzle-orm";
import { writeConsentChoice } from "@/lib/consent/contact-consent";
import { contacts } from "@/lib/db/schema/contacts";
import { emailSuppressions } from "@/lib/db/schema/email";
import type { ServiceContext } from "@/lib/services/service-context";

/**
 * The contact asked for no more email from this workspace (the one-click List-Unsubscribe, RFC
 * 8058): recorded per contact and channel kind (lib/consent). Start a Conversation on an email
 * channel then skips them with "unsubscribed from email". Idempotent; a
 * contact no longer in the workspace is no error (the link may outlive them).
 */
export async function unsubscribeFromEmail(ctx: ServiceContext, input: { contactId: string; source: string }): Promise<{ unsubscribed: boolean }> {
  const [contact] = await ctx.tx.select({ id: contacts.id }).from(contacts).where(and(eq(contacts.id, input.contactId), eq(contacts.workspaceId, ctx.workspace.id)));
  if (!contact) return { unsubscribed: false };
  await writeConsentChoice(ctx.tx, { workspaceId: ctx.workspace.id, contactId: input.contactId, kind: "email", status: "unsubscribed", source: input.source });
  return { unsubscribed: true };
}

/**
 * An address hard-bounced or its owner complained (a provider's webhook, or a delivery status
 * notification at the listener): no more email goes to it from this workspace, whichever contact has it.
 */
export async function markAddressBouncing(ctx: ServiceContext, input: { address: string; reason: "bounce" | "complaint"; detail?: string | null }): Promise<void> {
  await ctx.tx
    .insert(emailSuppressions)
    .values({ workspaceId: ctx.workspace.id, address: input.address.trim().toLowerCase(), reason: input.reason, detail: input.detail?.slice(0, 500) ?? null })
    .onConflictDoNothing();
}

/** A provider's hard bounces and complaints (lib/email/provider-events.ts), each marking its address bouncing. */
export async function recordSuppressions(ctx: ServiceContext, input: { events: readonly { address: string; reason: "bounce" | "complaint"; detail: string }[] }): Promise<{ suppressed: number }> {
  for (const event of input.events) await markAddressBouncing(ctx, event);
  return { suppressed: input.events.length };
}
