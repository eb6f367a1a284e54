import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { channels, type Channel } from "@/lib/db/schema/channels";
import { chatSessions, contacts, type ChatSession } from "@/lib/db/schema/contacts";
import { verifyIdentity, type IdentityParams } from "./identity";
import { parseSessionToken, sessionToken, verifySessionMac } from "./session-token";
import { fireSessionStarted } from "@/lib/workflow/engine/fire-session-started";

export type ChatContext = { channel: Channel; session: ChatSession; token: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A chat channel by id; SMS channels and unknown ids alike are null (the page is a 404). */
export async function findChatChannel(channelId: string): Promise<Channel | null> {
  if (!UUID.test(channelId)) return null;
  const [channel] = await getDb()
    .select()
    .from(channels)
    .where(and(eq(channels.id, channelId), eq(channels.kind, "chat")));
  return channel ?? null;
}

/**
 * The session a token names, on this channel only. Everything a chat page or chat API reads is
 * scoped by the returned session's contact and channel.
 */
export async function authenticateChatSession(channel: Channel, token: string | null | undefined): Promise<ChatContext | null> {
  const parsed = parseSessionToken(token);
  if (!parsed || !verifySessionMac(parsed.sessionId, parsed.mac, channel.identitySecret)) return null;
  const [session] = await getDb()
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
async function findIdentifiedContact(workspaceId: string, identity: string): Promise<string | null> {
  const [byExternalId] = await getDb()
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.externalId, identity)));
  if (byExternalId) return byExternalId.id;
  if (!identity.includes("@")) return null;
  const [byEmail] = await getDb()
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), sql`lower(${contacts.email}) = lower(${identity})`))
    .orderBy(contacts.createdAt)
    .limit(1);
  return byEmail?.id ?? null;
}

async function createContact(workspaceId: string, identity: string | null): Promise<string> {
  const db = getDb();
  if (identity === null) {
    const [row] = await db.insert(contacts).values({ workspaceId, attributes: { source: "chat" } }).returning({ id: contacts.id });
    return row!.id;
  }
  // Two tabs opening at once race on the (workspace, external id) key: the loser reads the winner's row.
  const email = /^[^\s@]+@[^\s@]+$/.test(identity) ? identity : null;
  await db.insert(contacts).values({ workspaceId, externalId: identity, email, attributes: { source: "chat" } }).onConflictDoNothing();
  const id = await findIdentifiedContact(workspaceId, identity);
  if (!id) throw new Error("contact vanished after insert");
  return id;
}

export type OpenChatResult =
  | { ok: true; context: ChatContext; isNew: boolean }
  | { ok: false; reason: "bad_identity" };

/**
 * Opening the chat page: resume the session in the cookie when it belongs to the same person,
 * otherwise start a new one (creating the contact if needed) and fire Session Started.
 */
export async function openChatSession(channel: Channel, identity: IdentityParams, cookieToken: string | null | undefined): Promise<OpenChatResult> {
  if (identity.kind === "malformed") return { ok: false, reason: "bad_identity" };
  if (identity.kind === "identified" && !verifyIdentity(identity.identity, identity.hash, channel.identitySecret)) {
    return { ok: false, reason: "bad_identity" };
  }

  const identifiedContactId =
    identity.kind === "identified" ? await findIdentifiedContact(channel.workspaceId, identity.identity) : null;

  const existing = await authenticateChatSession(channel, cookieToken);
  if (existing && (identity.kind === "anonymous" || existing.session.contactId === identifiedContactId)) {
    await getDb().update(chatSessions).set({ lastSeenAt: new Date() }).where(eq(chatSessions.id, existing.session.id));
    return { ok: true, context: existing, isNew: false };
  }

  const contactId =
    identifiedContactId ?? (await createContact(channel.workspaceId, identity.kind === "identified" ? identity.identity : null));
  // The session and its Session Started runs commit together: no session without its trigger.
  const session = await getDb().transaction(async (tx) => {
    const [row] = await tx.insert(chatSessions).values({ workspaceId: channel.workspaceId, channelId: channel.id, contactId }).returning();
    await fireSessionStarted({ workspaceId: channel.workspaceId, channelId: channel.id, contactId, sessionId: row!.id }, tx);
    return row!;
  });
  return { ok: true, context: { channel, session, token: sessionToken(session.id, channel.identitySecret) }, isNew: true };
}
