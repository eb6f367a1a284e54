import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./callback-url";

describe("safeCallbackUrl", () => {
  it("keeps same-site paths with query and hash", () => {
    expect(safeCallbackUrl("/abc/inbox")).toBe("/abc/inbox");
    expect(safeCallbackUrl("/abc/inbox/all?q=1#top")).toBe("/abc/inbox/all?q=1#top");
  });

  it.each([
    "https://evil.test/",
    "http:/evil.test",
    "//evil.test",
    "/\\evil.test",
    "\\\\evil.test",
    "/\t/evil.test",
    "/\n/evil.test",
    "javascript:alert(1)",
    "evil.test",
    "",
    " /inbox",
  ])("refuses %j", (raw) => {
    expect(safeCallbackUrl(raw)).toBe("/");
  });

  it("refuses non-strings and auth pages", () => {
    expect(safeCallbackUrl(undefined)).toBe("/");
    expect(safeCallbackUrl(["/a", "/b"])).toBe("/");
    expect(safeCallbackUrl("/sign-in?callbackUrl=/x")).toBe("/");
    expect(safeCallbackUrl("/sign-out")).toBe("/");
  });

  it("normalises dot segments without leaving the site", () => {
    expect(safeCallbackUrl("/a/../../b")).toBe("/b");
  });
});
