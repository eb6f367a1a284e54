import { describe, expect, it } from "vitest";
import { outboundUrlSchema } from "./outbound-url";

const schema = outboundUrlSchema("https://example.com/parley/webhooks");

describe("the shape of a URL Parley will call", () => {
  it.each([
    ["not a url", /Enter a full URL, e.g. https:\/\/example.com\/parley\/webhooks/],
    ["http://", /Enter a full URL/],
    ["http://[fe80::1%25lo]/", /Enter a full URL/],
    ["example.com/hook", /Enter a full URL/],
    ["ftp://example.com/hook", /must start with https:\/\/ or http:\/\//],
    ["javascript:alert(1)", /must start with https:\/\/ or http:\/\//],
    ["https://user:secret@example.com/hook", /credentials/],
    ["   ", /Enter the URL/],
  ])("answers %j with a field error, never an exception", (value, message) => {
    const parsed = schema.safeParse(value);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.message).join(" ")).toMatch(message);
  });

  it("accepts a full http(s) URL, trimmed", () => {
    expect(schema.parse("  https://hooks.example.com:8443/parley?x=1 ")).toBe("https://hooks.example.com:8443/parley?x=1");
    expect(schema.parse("http://[2606:4700:4700::1111]/hook")).toBe("http://[2606:4700:4700::1111]/hook");
  });
});
