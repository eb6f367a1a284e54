import { createHash, randomBytes } from "node:crypto";

/**
 * A random token for a link (setup, invitation, password reset, email change): 32 bytes, URL-safe.
 * Only its SHA-256 is stored: like an API key, it is far too random to guess, so one indexed
 * lookup by hash is safe where a password would need a slow KDF.
 */
export function generateSecretToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashSecretToken(token) };
}

export function hashSecretToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A token's shape, checked before any lookup (43 URL-safe characters). */
export function looksLikeSecretToken(value: unknown): value is string {
  return typeof value === "string" && /^[A-Za-z0-9_-]{43}$/.test(value);
}
