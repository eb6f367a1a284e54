import { describe, expect, it } from "vitest";

import { isSafeHref, normalizeHref } from "./safe-href";

describe("isSafeHref", () => {
  it("accepts absolute http, https, mailto and tel", () => {
    for (const href of ["https://example.com/a?b=c#d", "http://example.com", "mailto:ada@example.com", "tel:+15551234567"]) {
      expect(isSafeHref(href), href).toBe(true);
    }
  });

  it("rejects script-capable, relative and obfuscated hrefs", () => {
    for (const href of [
      "javascript:alert(1)",
      "JavaScript:alert(1)",
      " javascript:alert(1)",
      "java\tscript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:msgbox",
      "/relative/path",
      "//evil.example.com",
      "example.com",
      "ftp://example.com",
      "https://",
      "mailto:",
      "https://exa mple.com",
      "",
      `https://example.com/${"a".repeat(2048)}`,
    ]) {
      expect(isSafeHref(href), JSON.stringify(href)).toBe(false);
    }
    expect(isSafeHref(undefined)).toBe(false);
  });
});

describe("normalizeHref", () => {
  it("completes what people usually type", () => {
    expect(normalizeHref("example.com/pricing")).toBe("https://example.com/pricing");
    expect(normalizeHref("  https://example.com  ")).toBe("https://example.com");
    expect(normalizeHref("ada@example.com")).toBe("mailto:ada@example.com");
    expect(normalizeHref("localhost:3000")).toBe("https://localhost:3000");
    expect(normalizeHref("tel:+15551234567")).toBe("tel:+15551234567");
  });

  it("refuses unsafe or empty input", () => {
    expect(normalizeHref("javascript:alert(1)")).toBeNull();
    expect(normalizeHref("data:text/html,x")).toBeNull();
    expect(normalizeHref("   ")).toBeNull();
    expect(normalizeHref("not a url")).toBeNull();
  });
});
