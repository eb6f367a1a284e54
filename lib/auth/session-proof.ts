import { createHmac, timingSafeEqual } from "node:crypto";
import { authSecret } from "./secret";

const PROOF_TTL_SECONDS = 5 * 60;

function mac(userId: string, sessionVersion: number, expires: number): string {
  return createHmac("sha256", authSecret() ?? "")
    .update(`session-proof:${userId}:${sessionVersion}:${expires}`)
    .digest("base64url");
}

/**
 * What a password change hands the browser that made it, so that browser (and only it) can move
 * its session to the new session version (useSession().update({ sessionProof })): without it,
 * any old session, a stolen one included, could ask next-auth for an update and revive itself.
 * Bound to the account and the version, and valid for a few minutes.
 */
export function createSessionProof(userId: string, sessionVersion: number, now = Date.now()): string {
  const expires = Math.floor(now / 1000) + PROOF_TTL_SECONDS;
  return `${expires}.${mac(userId, sessionVersion, expires)}`;
}

export function verifySessionProof(proof: unknown, userId: string, sessionVersion: number, now = Date.now()): boolean {
  if (typeof proof !== "string" || !authSecret()) return false;
  const [expiresText, given] = proof.split(".");
  const expires = Number(expiresText);
  if (!given || !Number.isInteger(expires) || expires < Math.floor(now / 1000)) return false;
  const expected = Buffer.from(mac(userId, sessionVersion, expires));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
