import { describe, expect, it } from "vitest";
import { initials } from "./avatar";

describe("avatar initials", () => {
  it.each([
    ["Ada Lovelace", "AL"],
    ["grace", "G"],
    ["  ", "?"],
    ["🦊 Fox", "🦊F"],
    ["Zoë 👩🏽‍💻", "Z👩🏽‍💻"],
    ["émile zola", "ÉZ"],
    ["e\u0301mile", "E\u0301"],
    ["🇫🇷 Paris", "🇫🇷P"],
    ["𝔘nicode Name", "𝔘N"],
  ])("%j gives %j, whole characters only", (name, expected) => {
    const result = initials(name);
    expect(result).toBe(expected);
    expect(result).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });
});
