import { createHmac, timingSafeEqual } from "node:crypto";
import { normalizeExternalId } from "@/lib/contacts/external-id";
import { textProblem } from "@/lib/validation/text";

/**
 * Identity verification for the chat page, as Intercom does it: the embedding site signs the
 * signed-in customer's identity (external id or email) with the channel's secret, and the chat
 * trusts the identity only when the signature matches.
 */
export function signIdentity(identity: string, secret: string): string {
  return createHmac("sha256", secret).update(identity, "utf8").digest("hex");
}

export function verifyIdentity(identity: string, hash: string, secret: string): boolean {
  if (!/^[0-9a-f]{64}$/i.test(hash)) return false;
  const expected = Buffer.from(signIdentity(identity, secret), "hex");
  const given = Buffer.from(hash.toLowerCase(), "hex");
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export type IdentityParams =
  | { kind: "anonymous" }
  | { kind: "identified"; identity: string; hash: string }
  | { kind: "malformed" };

const MAX_IDENTITY_LENGTH = 320;

/**
 * user_id without user_hash (or the reverse) is as unacceptable as a wrong hash. user_id follows
 * the one external id rule (lib/contacts/external-id), which the link signer applies too.
 */
export function readIdentityParams(userId: string | undefined, userHash: string | undefined): IdentityParams {
  const id = userId === undefined ? undefined : normalizeExternalId(userId);
  const hash = userHash?.trim();
  if (!id && !hash) return { kind: "anonymous" };
  if (!id || !hash || id.length > MAX_IDENTITY_LENGTH || textProblem(id)) return { kind: "malformed" };
  return { kind: "identified", identity: id, hash };
}
