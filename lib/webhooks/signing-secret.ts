import { randomBytes } from "node:crypto";

/**
 * A new integration signing secret. It is kept in plain text (it must be, to sign each
 * delivery) and shown to the person who creates or rotates it once.
 */
export function generateSigningSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}
