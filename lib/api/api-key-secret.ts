import { createHash, randomBytes } from "node:crypto";

const KEY_PREFIX = "prly_";
/** How much of a key Settings shows so people can tell keys apart; far too little to guess the rest. */
const SHOWN_PREFIX_LENGTH = KEY_PREFIX.length + 8;

/**
 * A new API key: 32 random bytes, shown to its creator once. Only its SHA-256 is stored. A slow
 * password KDF (scrypt, argon2) exists to make guessing low-entropy secrets expensive; a 256-bit
 * random key cannot be guessed anyway, and a plain hash lets every request find its key with one
 * indexed lookup instead of a deliberately slow computation.
 */
export function generateApiKey(): { secret: string; prefix: string; hash: string } {
  const secret = `${KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { secret, prefix: secret.slice(0, SHOWN_PREFIX_LENGTH), hash: hashApiKey(secret) };
}

export function hashApiKey(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function looksLikeApiKey(value: string): boolean {
  return value.startsWith(KEY_PREFIX) && value.length > SHOWN_PREFIX_LENGTH && value.length < 200;
}
