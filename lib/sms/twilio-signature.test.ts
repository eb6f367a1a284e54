import { describe, expect, it } from "vitest";
import { twilioSignature, verifyTwilioSignature } from "./twilio-signature";

// The worked example from Twilio's "Webhooks security" documentation.
const AUTH_TOKEN = "12345";
const URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
const PARAMS: [string, string][] = [
  ["CallSid", "CA1234567890ABCDE"],
  ["Caller", "+12349013030"],
  ["Digits", "1234"],
  ["From", "+12349013030"],
  ["To", "+18005551212"],
];

describe("Twilio request signatures", () => {
  it("matches Twilio's documented example", () => {
    expect(twilioSignature(AUTH_TOKEN, URL, PARAMS)).toBe("0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
  });

  it("does not depend on the order parameters arrive in", () => {
    expect(twilioSignature(AUTH_TOKEN, URL, [...PARAMS].reverse())).toBe("0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
  });

  it("refuses a changed parameter, a wrong token and a missing signature", () => {
    const signature = twilioSignature(AUTH_TOKEN, URL, PARAMS);
    expect(verifyTwilioSignature(AUTH_TOKEN, signature, [URL], PARAMS)).toBe(true);
    expect(verifyTwilioSignature(AUTH_TOKEN, signature, [URL], [...PARAMS.slice(1), ["CallSid", "CA0"]])).toBe(false);
    expect(verifyTwilioSignature("54321", signature, [URL], PARAMS)).toBe(false);
    expect(verifyTwilioSignature(AUTH_TOKEN, null, [URL], PARAMS)).toBe(false);
  });

  it("accepts the signature for any of the candidate URLs", () => {
    const signature = twilioSignature(AUTH_TOKEN, URL, PARAMS);
    expect(verifyTwilioSignature(AUTH_TOKEN, signature, ["http://internal:3000/myapp.php?foo=1&bar=2", URL], PARAMS)).toBe(true);
  });
});
