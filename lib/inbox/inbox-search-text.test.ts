import { describe, expect, it } from "vitest";
import { HIGHLIGHT_END, HIGHLIGHT_START, highlightParts, LESS_THAN, normalizeSearchQuery, searchFromSearchParams } from "./inbox-search-text";

describe("the inbox search's text", () => {
  it("reads the query from the URL: spaces collapsed, control characters and lone surrogates dropped, at most 200 characters", () => {
    expect(searchFromSearchParams({ q: "  refund   policy " })).toBe("refund policy");
    expect(searchFromSearchParams({ q: ["a", "b"] })).toBe("a");
    expect(searchFromSearchParams({})).toBe("");
    expect(normalizeSearchQuery(`re${HIGHLIGHT_START}fund\u0000\ud800`)).toBe("re fund");
    expect(normalizeSearchQuery("x".repeat(500))).toHaveLength(200);
  });

  it("splits a snippet into plain and highlighted runs, markup staying text", () => {
    const snippet = `My ${HIGHLIGHT_START}refund${HIGHLIGHT_END} ${LESS_THAN}b>please${LESS_THAN}/b> ${HIGHLIGHT_START}now`;
    expect(highlightParts(snippet)).toEqual([
      { text: "My ", highlighted: false },
      { text: "refund", highlighted: true },
      { text: " <b>please</b> ", highlighted: false },
      { text: "now", highlighted: true },
    ]);
  });
});
