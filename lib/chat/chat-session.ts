import "server-only";
import { contactByAlias } from "@/lib/contacts/resolve-contact";
import { and, eq, sql } from "drizzle-orm";
import { statementBuiltOnce } from "@/lib/db/named-statement";
import { getDb, type DbOrTx } from "@/lib/db/client";
import { channels, type Channel } from "@/lib/db/schema/channels";
import { chatSessions, contacts, type ChatSession } from "@/lib/db/schema/contacts";
import { conversations, messages } from "@/lib/db/schema/conversations";
import { workspaces } from "@/lib/db/schema/workspaces";
import { notFound } from "@/lib/errors";
import type { Plan } from "@/lib/plans/plan";
import type { Actor, ServiceContext, ServiceWorkspace } from "@/lib/services/service-context";
import { uuidSchema } from "@/lib/validation/uuid";
import { workspaceIsLive } from "@/lib/workspace/live-workspace";
import { verifyIdentity, type IdentityParams } from "./identity";
import { parseSessionToken, sessionToken, verifySessionMac } from "./session-token";
import { fireSessionStarted } from "@/lib/workflow/engine/fire-session-started";

/** A chat channel with its workspace's plan: all a public chat request needs to act in it. */
export type ChatChannel = Channel & { workspacePlan: Plan };

export type ChatContext = { channel: ChatChannel; session: ChatSession; token: string };

/** A chat channel by id; SMS channels and unknown ids alike are null (the page is a 404). */
export async function findChatChannel(channelId: string): Promise<ChatChannel | null> {
  if (!uuidSchema.safeParse(channelId).success) return null;
  const [found] = await getDb()
    .select({ channel: channels, plan: workspaces.plan })
    .from(channels)
    .innerJoin(workspaces, and(eq(workspaces.id, channels.workspaceId), workspaceIsLive()))
    .where(and(eq(channels.id, channelId), eq(channels.kind, "chat")));
  return found ? { ...found.channel, workspacePlan: found.plan } : null;
}

/**
 * A chat channel (as findChatChannel) and the session `sessionId` on it, in one statement: what
 * every chat API request looks up first. The session is only a candidate: the caller checks the
 * token's mac against the channel's secret before trusting it. With `dedupeKey`, also the message
 * the session's contact already sent on this channel under that key (a resent POST), in any of
 * their conversations: recordContactMessage dedupes per conversation, but a first delivery may
 * have opened a campaign, so a retry would target another conversation; this catches it first.
 */
export async function findChatChannelSession(
  channelId: string,
  sessionId: string | null,
  dedupeKey?: string,
): Promise<{ channel: ChatChannel; session: ChatSession | null; duplicateOf: string | null } | null> {
  if (!uuidSchema.safeParse(channelId).success) return null;
  const [found] = await channelSessionQuery(getDb(), { channelId, sessionId, dedupeKey: dedupeKey ?? null });
  return found ? { channel: { ...found.channel, workspacePlan: found.plan }, session: found.session, duplicateOf: found.duplicateOf ?? null } : null;
}

/**
 * The statement of findChatChannelSession, built once (lib/db/named-statement.ts): every chat
 * request runs it. A null session id or key matches nothing (`= NULL`), as the unnamed form's
 * `ON false` did.
 */
const channelSessionQuery = statementBuiltOnce("chat_channel_session", (db) => {
  const duplicate = db
    .select({ id: messages.id })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(
      and(
        eq(conversations.workspaceId, chatSessions.workspaceId),
        eq(conversations.contactId, chatSessions.contactId),
        eq(conversations.channelId, chatSessions.channelId),
        eq(messages.dedupeKey, sql.placeholder("dedupeKey")),
      ),
    )
    .limit(1)
    .as("duplicate");
  return db
    .select({ channel: channels, plan: workspaces.plan, session: chatSessions, duplicateOf: duplicate.id })
    .from(channels)
    .innerJoin(workspaces, and(eq(workspaces.id, channels.workspaceId), workspaceIsLive()))
    .leftJoin(chatSessions, and(eq(chatSessions.id, sql.placeholder("sessionId")), eq(chatSessions.channelId, channels.id), eq(chatSessions.workspaceId, channels.workspaceId)))
    .leftJoinLateral(duplicate, sql`true`)
    .where(and(eq(channels.id, sql.placeholder("channelId")), eq(channels.kind, "chat")));
});

/**
 * Who acts when someone uses the public chat of this channel: a contact of its workspace, null
 * until the chat page has found or created them.
 */
export function chatScope(channel: ChatChannel, contactId: string | null): { workspace: ServiceWorkspace; actor: Actor } {
  return { workspace: { id: channel.workspaceId, plan: channel.workspacePlan }, actor: { type: "contact", contactId } };
}

/**
 * The session a token names, on this channel only. Everything a chat page or chat API reads is
 * scoped by the returned session's contact and channel.
 */
export async function authenticateChatSession(channel: ChatChannel, token: string | null | undefined, db: DbOrTx = getDb()): Promise<ChatContext | null> {
  const parsed = parseSessionToken(token);
  if (!parsed || !verifySessionMac(parsed.sessionId, parsed.mac, channel.identitySecret)) return null;
  const [session] = await db
    .select()
    .from(chatSessions)
    .where(
      and(
        eq(chatSessions.id, parsed.sessionId),
        eq(chatSessions.channelId, channel.id),
        eq(chatSessions.workspaceId, channel.workspaceId),
      ),
    );
  return session ? { channel, session, token: sessionToken(session.id, channel.identitySecret) } : null;
}

/** The contact an identity names: its external id first, then its email. Never creates one. */
async function findIdentifiedContact(ctx: ServiceContext, identity: string): Promise<string | null> {
  const [byExternalId] = await ctx.tx
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, ctx.workspace.id), eq(contacts.externalId, identity)));
  if (byExternalId) return byExternalId.id;
  // The external id of a contact since merged into another names the survivor.
  const survivor = await contactByAlias(ctx.tx, ctx.workspace.id, identity);
  if (survivor) return survivor.id;
  if (!identity.includes("@")) return null;
  const [byEmail] = await ctx.tx
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, ctx.workspace.id), sql`lower(${contacts.email}) = lower(${identity})`))
    .orderBy(contacts.createdAt)
    .limit(1);
  return byEmail?.id ?? null;
}

async function createContact(ctx: ServiceContext, identity: string | null): Promise<string> {
  if (identity === null) {
    const [row] = await ctx.tx.insert(contacts).values({ workspaceId: ctx.workspace.id, attributes: { source: "chat" } }).returning({ id: contacts.id });
    return row!.id;
  }
  // Two tabs opening at once race on the (workspace, external id) key: the loser's insert waits
  // for the winner's transaction, does nothing, and reads the winner's row.
  const email = /^[^\s@]+@[^\s@]+$/.test(identity) ? identity : null;
  await ctx.tx.insert(contacts).values({ workspaceId: ctx.workspace.id, externalId: identity, email, attributes: { source: "chat" } }).onConflictDoNothing();
  const id = await findIdentifiedContact(ctx, identity);
  if (!id) throw new Error("contact vanished after insert");
  return id;
}

export type OpenChatInput = { channel: ChatChannel; identity: IdentityParams; cookieToken: string | null | undefined };

export type OpenChatResult =
  | { ok: true; context: ChatContext; isNew: boolean }
  | { ok: false; reason: "bad_identity" };

/**
 * A contact someone could be identified as (an external id or an email): their history is shown
 * only to a visitor who proves that identity, never to whoever later opens the chat in the same
 * browser without one (a shared computer, a signed-out customer).
 */
async function isKnownContact(ctx: ServiceContext, contactId: string): Promise<boolean> {
  const [contact] = await ctx.tx
    .select({ externalId: contacts.externalId, email: contacts.email })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, ctx.workspace.id), eq(contacts.id, contactId)));
  return Boolean(contact && (contact.externalId || contact.email));
}

/**
 * Opening the chat page: resume the session in the cookie when it belongs to the same person,
 * otherwise start a new one (creating the contact if needed) and fire Session Started. An
 * anonymous visit resumes only an anonymous visitor's session; a known contact's session only
 * comes back with their valid identity. The new session, its contact and its Session Started
 * runs commit together: no session without its trigger.
 */
export async function openChatSession(ctx: ServiceContext, input: OpenChatInput): Promise<OpenChatResult> {
  const { channel, identity } = input;
  if (channel.workspaceId !== ctx.workspace.id) throw notFound("That chat");
  if (identity.kind === "malformed") return { ok: false, reason: "bad_identity" };
  if (identity.kind === "identified" && !verifyIdentity(identity.identity, identity.hash, channel.identitySecret)) {
    return { ok: false, reason: "bad_identity" };
  }

  const identifiedContactId = identity.kind === "identified" ? await findIdentifiedContact(ctx, identity.identity) : null;

  const existing = await authenticateChatSession(channel, input.cookieToken, ctx.tx);
  const resumable =
    existing &&
    (identity.kind === "anonymous" ? !(await isKnownContact(ctx, existing.session.contactId)) : existing.session.contactId === identifiedContactId);
  if (existing && resumable) {
    await ctx.tx.update(chatSessions).set({ lastSeenAt: sql`now()` }).where(eq(chatSessions.id, existing.session.id));
    return { ok: true, context: existing, isNew: false };
  }

  const contactId = identifiedContactId ?? (await createContact(ctx, identity.kind === "identified" ? identity.identity : null));
  const [session] = await ctx.tx.insert(chatSessions).values({ workspaceId: ctx.workspace.id, channelId: channel.id, contactId }).returning();
  await fireSessionStarted({ workspaceId: ctx.workspace.id, channelId: channel.id, contactId, sessionId: session!.id }, ctx.tx);
  return { ok: true, context: { channel, session: session!, token: sessionToken(session!.id, channel.identitySecret) }, isNew: true };
}
