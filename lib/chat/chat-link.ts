import "server-only";
import { and, asc, desc, eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { channels } from "@/lib/db/schema/channels";
import { normalizeExternalId } from "@/lib/contacts/external-id";
import { signIdentity } from "./identity";

/**
 * "Open chat as this contact": chat page links for each chat channel, signed with the channel's
 * secret exactly as an embedding site would sign them. The identity is the contact's external id,
 * else their email (the chat looks contacts up in that order).
 */
export async function chatLinkFor(
  workspaceId: string,
  contact: { externalId: string | null; email: string | null },
): Promise<{ channelId: string; channelName: string; href: string }[]> {
  // Signed as the chat reads it back: by the one external id rule.
  const identity = normalizeExternalId(contact.externalId ?? contact.email ?? "");
  if (!identity) return [];
  const chatChannels = await getDb()
    .select({ id: channels.id, name: channels.name, secret: channels.identitySecret })
    .from(channels)
    .where(and(eq(channels.workspaceId, workspaceId), eq(channels.kind, "chat")))
    .orderBy(desc(channels.isDefault), asc(channels.name));
  return chatChannels.map((channel) => {
    const query = new URLSearchParams({ user_id: identity, user_hash: signIdentity(identity, channel.secret) });
    return { channelId: channel.id, channelName: channel.name, href: `/chat/${channel.id}?${query}` };
  });
}
