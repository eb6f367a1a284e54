import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { smsSuppressions } from "@/lib/db/schema/consent";
import { contacts } from "@/lib/db/schema/contacts";
import { contactChannelConsent, emailSuppressions } from "@/lib/db/schema/email";
import { notFound, SafeError } from "@/lib/errors";
import { audit } from "@/lib/services/audit";
import type { ServiceContext } from "@/lib/services/service-context";
import type { ChannelKind } from "@/lib/workflow/customer-destination";
import { bouncingAddresses, suppressionKey } from "./consent-skips";
import { canBounce, CONSENT_KINDS, type ConsentStatus } from "./consent-status";
import type { ConsentMap, SetContactConsentInput } from "./contact-consent.validation";

export type KindConsent = { status: ConsentStatus; source: string | null; updatedAt: Date | null };
export type ContactConsent = Record<ChannelKind, KindConsent>;
type ContactAddresses = { id: string; email: string | null; phone: string | null };

/** The address a contact has on a kind that can bounce. */
function addressOn(contact: Pick<ContactAddresses, "email" | "phone">, kind: "sms" | "email"): string | null {
  const address = kind === "email" ? contact.email : contact.phone;
  return address && address.trim() !== "" ? address : null;
}

/**
 * Each contact's consent per kind: unsubscribed when they said so (their choice wins, it is what
 * they asked for), else bouncing when their address is in the kind's suppression list, else
 * subscribed. Three statements for any number of contacts.
 */
export async function readContactConsents(db: DbOrTx, workspaceId: string, list: readonly ContactAddresses[]): Promise<Map<string, ContactConsent>> {
  const result = new Map<string, ContactConsent>();
  if (list.length === 0) return result;
  const choices = await db
    .select()
    .from(contactChannelConsent)
    .where(and(eq(contactChannelConsent.workspaceId, workspaceId), inArray(contactChannelConsent.contactId, list.map((contact) => contact.id))));
  const choiceOf = new Map(choices.map((row) => [`${row.contactId}:${row.channelKind}`, row]));
  const bouncing = {
    email: await bouncingAddresses(db, workspaceId, "email", list.flatMap((contact) => addressOn(contact, "email") ?? [])),
    sms: await bouncingAddresses(db, workspaceId, "sms", list.flatMap((contact) => addressOn(contact, "sms") ?? [])),
  };
  for (const contact of list) {
    const consent = {} as ContactConsent;
    for (const kind of CONSENT_KINDS) {
      const choice = choiceOf.get(`${contact.id}:${kind}`);
      const address = canBounce(kind) ? addressOn(contact, kind) : null;
      const bounces = canBounce(kind) && address !== null && bouncing[kind].has(suppressionKey(kind, address));
      const status: ConsentStatus = choice?.status === "unsubscribed" ? "unsubscribed" : bounces ? "bouncing" : "subscribed";
      consent[kind] = { status, source: status === "bouncing" ? "bounce" : (choice?.source ?? null), updatedAt: status === "bouncing" ? null : (choice?.updatedAt ?? null) };
    }
    result.set(contact.id, consent);
  }
  return result;
}

export async function readContactConsent(db: DbOrTx, workspaceId: string, contact: ContactAddresses): Promise<ContactConsent> {
  return (await readContactConsents(db, workspaceId, [contact])).get(contact.id)!;
}

/**
 * Records a contact's own choice on a kind (no audit: callers that act for a person audit it), and
 * marks the contact changed, so the API's "updated since" picks the change up.
 */
export async function writeConsentChoice(
  tx: DbOrTx,
  input: { workspaceId: string; contactId: string; kind: ChannelKind; status: "subscribed" | "unsubscribed"; source: string },
): Promise<void> {
  await tx
    .insert(contactChannelConsent)
    .values({ workspaceId: input.workspaceId, contactId: input.contactId, channelKind: input.kind, status: input.status, source: input.source })
    .onConflictDoUpdate({
      target: [contactChannelConsent.contactId, contactChannelConsent.channelKind],
      set: { status: input.status, source: input.source, updatedAt: sql`now()` },
    });
  await tx
    .update(contacts)
    .set({ updatedAt: sql`now()` })
    .where(and(eq(contacts.workspaceId, input.workspaceId), eq(contacts.id, input.contactId)));
}

/**
 * Sets one contact's consent on a kind to exactly what the caller chose, so it reads back as
 * set. "subscribed" records the choice and takes the contact's address off the kind's suppression
 * list (someone vouches it works again); "unsubscribed" records the choice; "bouncing" puts the
 * contact's address on the suppression list (the one place bouncing is kept) and clears an unsubscribe.
 */
async function applyConsent(ctx: ServiceContext, contact: ContactAddresses, kind: ChannelKind, status: ConsentStatus, source: string): Promise<void> {
  const base = { workspaceId: ctx.workspace.id, contactId: contact.id, kind, source };
  if (status === "unsubscribed") {
    await writeConsentChoice(ctx.tx, { ...base, status: "unsubscribed" });
    return;
  }
  await writeConsentChoice(ctx.tx, { ...base, status: "subscribed" });
  if (!canBounce(kind)) {
    if (status === "bouncing") throw new SafeError("invalid_input", "A chat has no address that can bounce.", { path: "status" });
    return;
  }
  const address = addressOn(contact, kind);
  if (status === "bouncing" && !address) {
    throw new SafeError("invalid_input", `This contact has no ${kind === "email" ? "email address" : "phone number"} to mark as bouncing.`, { path: "status" });
  }
  if (!address) return;
  const key = suppressionKey(kind, address);
  const detail = `Marked bouncing (${source})`;
  if (kind === "email") {
    if (status === "bouncing") await ctx.tx.insert(emailSuppressions).values({ workspaceId: ctx.workspace.id, address: key, reason: "bounce", detail }).onConflictDoNothing();
    else await ctx.tx.delete(emailSuppressions).where(and(eq(emailSuppressions.workspaceId, ctx.workspace.id), eq(emailSuppressions.address, key)));
  } else if (status === "bouncing") {
    await ctx.tx.insert(smsSuppressions).values({ workspaceId: ctx.workspace.id, phone: key, reason: "bounce", detail }).onConflictDoNothing();
  } else {
    await ctx.tx.delete(smsSuppressions).where(and(eq(smsSuppressions.workspaceId, ctx.workspace.id), eq(smsSuppressions.phone, key)));
  }
}

function sourceOf(ctx: ServiceContext, via: "page" | "api" | "import"): string {
  if (via === "import") return "import";
  return ctx.actor.type === "api_key" ? "api" : "agent";
}

async function lockContact(ctx: ServiceContext, contactId: string): Promise<ContactAddresses> {
  const [contact] = await ctx.tx
    .select({ id: contacts.id, email: contacts.email, phone: contacts.phone })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, ctx.workspace.id), eq(contacts.id, contactId)))
    .for("no key update");
  if (!contact) throw notFound("That contact");
  return contact;
}

/**
 * Sets a contact's consent for the kinds given (the API's PUT and PATCH, the import), audited once
 * as a change of the contact. Kinds not given are left as they are.
 */
export async function applyContactConsents(ctx: ServiceContext, input: { contactId: string; consent: ConsentMap; via: "page" | "api" | "import" }): Promise<void> {
  const entries = Object.entries(input.consent) as [ChannelKind, ConsentStatus][];
  if (entries.length === 0) return;
  const contact = await lockContact(ctx, input.contactId);
  for (const [kind, status] of entries) await applyConsent(ctx, contact, kind, status, sourceOf(ctx, input.via));
  if (input.via !== "import") {
    await audit(ctx, { action: "contact.consent_changed", target: { type: "contact", id: contact.id }, data: { consent: input.consent } });
  }
}

/** The contact's page: one kind's consent set by an agent. */
export async function setContactConsent(ctx: ServiceContext, input: SetContactConsentInput): Promise<ContactConsent> {
  await applyContactConsents(ctx, { contactId: input.contactId, consent: { [input.kind]: input.status }, via: "page" });
  return readContactConsent(ctx.tx, ctx.workspace.id, await lockContact(ctx, input.contactId));
}

export type BulkConsent = { contactId: string; email: string | null; phone: string | null; kind: ChannelKind; status: ConsentStatus };

/**
 * applyConsent for many contacts at once (an import batch): a few statements per batch, whatever
 * its size. A "bouncing" for a contact without an address on that kind has nothing to mark.
 */
export async function applyConsentsInBulk(tx: DbOrTx, workspaceId: string, entries: readonly BulkConsent[], source: string): Promise<void> {
  if (entries.length === 0) return;
  await tx
    .insert(contactChannelConsent)
    .values(entries.map((entry) => ({ workspaceId, contactId: entry.contactId, channelKind: entry.kind, status: entry.status === "unsubscribed" ? ("unsubscribed" as const) : ("subscribed" as const), source })))
    .onConflictDoUpdate({
      target: [contactChannelConsent.contactId, contactChannelConsent.channelKind],
      set: { status: sql`excluded.status`, source: sql`excluded.source`, updatedAt: sql`now()` },
    });
  for (const kind of ["email", "sms"] as const) {
    const addressed = entries.flatMap((entry) => {
      const address = entry.kind === kind ? addressOn(entry, kind) : null;
      return address ? [{ status: entry.status, key: suppressionKey(kind, address) }] : [];
    });
    const bouncing = [...new Set(addressed.filter((entry) => entry.status === "bouncing").map((entry) => entry.key))];
    const clear = [...new Set(addressed.filter((entry) => entry.status === "subscribed").map((entry) => entry.key))];
    const detail = `Marked bouncing (${source})`;
    if (kind === "email") {
      if (bouncing.length) await tx.insert(emailSuppressions).values(bouncing.map((address) => ({ workspaceId, address, reason: "bounce" as const, detail }))).onConflictDoNothing();
      if (clear.length) await tx.delete(emailSuppressions).where(and(eq(emailSuppressions.workspaceId, workspaceId), inArray(emailSuppressions.address, clear)));
    } else {
      if (bouncing.length) await tx.insert(smsSuppressions).values(bouncing.map((phone) => ({ workspaceId, phone, reason: "bounce" as const, detail }))).onConflictDoNothing();
      if (clear.length) await tx.delete(smsSuppressions).where(and(eq(smsSuppressions.workspaceId, workspaceId), inArray(smsSuppressions.phone, clear)));
    }
  }
}
