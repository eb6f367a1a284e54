import { describe, expect, it } from "vitest";
import { allowedOriginsSchema, normalizeAllowedOrigin } from "./allowed-origins";

describe("allowed websites of a chat channel", () => {
  it.each([
    ["https://www.example.com", "https://www.example.com"],
    ["  HTTPS://Shop.Example.com/cart?x=1 ", "https://shop.example.com"],
    ["https://*.example.com", "https://*.example.com"],
    ["http://localhost:3000/", "http://localhost:3000"],
    ["https://192.0.2.7:8443", "https://192.0.2.7:8443"],
  ])("normalises %j to the origin %j", (line, origin) => {
    expect(normalizeAllowedOrigin(line)).toEqual({ origin });
  });

  it.each([
    ["example.com", /with https:\/\//],
    ["*", /Leave the list empty/],
    ["ftp://example.com", /with https:\/\//],
    ["https://user:pw@example.com", /credentials/],
    ["https://exa mple.com", /not a website address|valid host/],
    ["https://example.com:99999", /invalid port/],
    ["javascript:alert(1)", /with https:\/\//],
    ["https://example.com;script-src *", /not a website address|valid host/],
  ])("refuses %j with a message", (line, message) => {
    const result = normalizeAllowedOrigin(line);
    expect("error" in result && result.error).toMatch(message);
  });

  it("keeps each origin once and skips blank lines", () => {
    expect(allowedOriginsSchema.parse(["https://a.example", "", "https://a.example/", "https://b.example"])).toEqual(["https://a.example", "https://b.example"]);
  });
});
