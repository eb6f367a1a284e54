import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Twilio's request signature: HMAC-SHA1, keyed by the account's auth token, over the full URL
 * Twilio called followed by every POST parameter as name+value, sorted by name (then value),
 * base64-encoded. Sent in X-Twilio-Signature.
 */
export function twilioSignature(authToken: string, url: string, params: ReadonlyArray<[string, string]>): string {
  const sorted = [...params].sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : av > bv ? 1 : 0) : a < b ? -1 : 1));
  const data = url + sorted.map(([name, value]) => name + value).join("");
  return createHmac("sha1", authToken).update(data, "utf8").digest("base64");
}

export function verifyTwilioSignature(
  authToken: string,
  signature: string | null,
  candidateUrls: readonly string[],
  params: ReadonlyArray<[string, string]>,
): boolean {
  if (!signature) return false;
  const given = Buffer.from(signature);
  // The URL behind a proxy may differ from the one the app sees; any of the known forms may match.
  return candidateUrls.some((url) => {
    const expected = Buffer.from(twilioSignature(authToken, url, params));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}
