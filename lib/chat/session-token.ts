import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * A chat session is carried as "<sessionId>.<mac>", the mac keyed with the channel's secret, so a
 * guessed or copied session id from another channel is worthless and rotating the channel's
 * secret ends every session on it.
 */
export function sessionToken(sessionId: string, channelSecret: string): string {
  return `${sessionId}.${mac(sessionId, channelSecret)}`;
}

function mac(sessionId: string, channelSecret: string): string {
  return createHmac("sha256", channelSecret).update(`chat-session:${sessionId}`).digest("base64url");
}

const TOKEN = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/i;

/** The session id a token names, before its mac is checked against the channel's secret. */
export function parseSessionToken(token: string | null | undefined): { sessionId: string; mac: string } | null {
  const match = token ? TOKEN.exec(token) : null;
  return match ? { sessionId: match[1]!.toLowerCase(), mac: match[2]! } : null;
}

export function verifySessionMac(sessionId: string, givenMac: string, channelSecret: string): boolean {
  const expected = Buffer.from(mac(sessionId, channelSecret));
  const given = Buffer.from(givenMac);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** One cookie per channel, so two chats embedded on one site keep separate sessions. */
export function sessionCookieName(channelId: string): string {
  return `parley_chat_${channelId.replace(/-/g, "")}`;
}
