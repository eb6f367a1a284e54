import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "Parley-Signature";
export const DELIVERY_ID_HEADER = "Parley-Delivery-Id";
export const EVENT_HEADER = "Parley-Event";

/** Five minutes either way, like Stripe: long enough for clock skew, short enough to stop replays. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** Hex HMAC-SHA256 of "<timestamp>.<raw body>": the timestamp is signed so it cannot be swapped. */
export function computeSignature(secret: string, timestamp: number, rawBody: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest("hex");
}

/** The Parley-Signature header value: "t=<unix seconds>,v1=<hex signature>". */
export function signatureHeader(secret: string, rawBody: string, now: Date = new Date()): string {
  const timestamp = Math.floor(now.getTime() / 1000);
  return `t=${timestamp},v1=${computeSignature(secret, timestamp, rawBody)}`;
}

export type VerifyResult =
  | { ok: true; timestamp: number }
  | { ok: false; reason: "missing" | "malformed" | "expired" | "mismatch" };

function parseHeader(header: string): { timestamp: number; signatures: string[] } | null {
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const [key, value] = part.trim().split("=", 2);
    if (!key || !value) continue;
    if (key === "t" && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    // Several v1 values may appear while a secret is being rotated; any one may match.
    if (key === "v1" && /^[0-9a-f]{64}$/i.test(value)) signatures.push(value.toLowerCase());
  }
  return timestamp === null || signatures.length === 0 ? null : { timestamp, signatures };
}

/**
 * For receivers: checks a Parley-Signature header against the raw request body (exactly the
 * bytes received, before any JSON parsing). A wrong signature means the body or timestamp was
 * tampered with; an old timestamp means a replay. Receivers should also drop a Parley-Delivery-Id
 * they have already processed, since deliveries are at-least-once.
 */
export function verifyWebhookSignature(input: {
  secret: string;
  header: string | null | undefined;
  rawBody: string;
  toleranceSeconds?: number;
  now?: Date;
}): VerifyResult {
  if (!input.header) return { ok: false, reason: "missing" };
  const parsed = parseHeader(input.header);
  if (!parsed) return { ok: false, reason: "malformed" };
  const nowSeconds = Math.floor((input.now ?? new Date()).getTime() / 1000);
  if (Math.abs(nowSeconds - parsed.timestamp) > (input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) {
    return { ok: false, reason: "expired" };
  }
  const expected = Buffer.from(computeSignature(input.secret, parsed.timestamp, input.rawBody), "hex");
  const matches = parsed.signatures.some((candidate) => timingSafeEqual(Buffer.from(candidate, "hex"), expected));
  return matches ? { ok: true, timestamp: parsed.timestamp } : { ok: false, reason: "mismatch" };
}
