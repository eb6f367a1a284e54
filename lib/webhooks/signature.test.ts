import { describe, expect, it } from "vitest";
import { computeSignature, signatureHeader, verifyWebhookSignature } from "./signature";

const SECRET = "whsec_test";
const BODY = '{"id":"1","event":"message.created"}';
const NOW = new Date("2030-01-01T12:00:00Z");

describe("webhook signatures", () => {
  it("verifies what it signs", () => {
    const header = signatureHeader(SECRET, BODY, NOW);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature({ secret: SECRET, header, rawBody: BODY, now: NOW })).toEqual({ ok: true, timestamp: NOW.getTime() / 1000 });
  });

  it("signs the timestamp and the body together", () => {
    const t = NOW.getTime() / 1000;
    expect(computeSignature(SECRET, t, BODY)).not.toBe(computeSignature(SECRET, t + 1, BODY));
    // Moving the timestamp into the body must not produce the same signature.
    expect(computeSignature(SECRET, t, BODY)).not.toBe(computeSignature(SECRET, Number(`${t}`.slice(0, -1)), `${`${t}`.slice(-1)}.${BODY}`));
  });

  it("refuses a tampered body, a wrong secret and a swapped timestamp", () => {
    const header = signatureHeader(SECRET, BODY, NOW);
    expect(verifyWebhookSignature({ secret: SECRET, header, rawBody: BODY.replace("1", "2"), now: NOW })).toEqual({ ok: false, reason: "mismatch" });
    expect(verifyWebhookSignature({ secret: "whsec_other", header, rawBody: BODY, now: NOW })).toEqual({ ok: false, reason: "mismatch" });
    const swapped = header.replace(/t=(\d+)/, (_, t: string) => `t=${Number(t) + 10}`);
    expect(verifyWebhookSignature({ secret: SECRET, header: swapped, rawBody: BODY, now: NOW })).toEqual({ ok: false, reason: "mismatch" });
  });

  it("refuses a replay outside the tolerance window", () => {
    const header = signatureHeader(SECRET, BODY, NOW);
    const later = new Date(NOW.getTime() + 301_000);
    expect(verifyWebhookSignature({ secret: SECRET, header, rawBody: BODY, now: later })).toEqual({ ok: false, reason: "expired" });
    expect(verifyWebhookSignature({ secret: SECRET, header, rawBody: BODY, now: later, toleranceSeconds: 600 }).ok).toBe(true);
  });

  it("refuses missing and malformed headers", () => {
    expect(verifyWebhookSignature({ secret: SECRET, header: null, rawBody: BODY })).toEqual({ ok: false, reason: "missing" });
    expect(verifyWebhookSignature({ secret: SECRET, header: "v1=abc", rawBody: BODY })).toEqual({ ok: false, reason: "malformed" });
    expect(verifyWebhookSignature({ secret: SECRET, header: "t=1,v1=zz", rawBody: BODY })).toEqual({ ok: false, reason: "malformed" });
  });

  it("accepts any of several v1 signatures, for secret rotation", () => {
    const t = NOW.getTime() / 1000;
    const header = `t=${t},v1=${computeSignature("whsec_old", t, BODY)},v1=${computeSignature(SECRET, t, BODY)}`;
    expect(verifyWebhookSignature({ secret: SECRET, header, rawBody: BODY, now: NOW }).ok).toBe(true);
  });
});
