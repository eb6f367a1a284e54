import { describe, expect, it } from "vitest";
import {
  addCondition,
  countableFilter,
  lastConversationChoice,
  parseTagList,
  readDays,
  readFilter,
  removeCondition,
  updateCondition,
  withLastConversation,
} from "./audience-filter-model";

describe("audience filter form logic", () => {
  it("builds the PRODUCT.md example: no conversation opened in 30 days", () => {
    const filter = withLastConversation(readFilter(undefined), "older_than_days_or_never");
    expect(filter.lastConversation).toEqual({ op: "older_than_days_or_never", days: 30 });
    expect(lastConversationChoice(filter)).toBe("older_than_days_or_never");
    expect(withLastConversation(filter, "older_than_days_or_never", 45).lastConversation).toEqual({ op: "older_than_days_or_never", days: 45 });
    expect(withLastConversation(filter, "never").lastConversation).toEqual({ op: "never" });
    expect(withLastConversation(filter, "any").lastConversation).toBeNull();
  });

  it("keeps the days when switching between day-based choices", () => {
    const filter = withLastConversation(readFilter({}), "older_than_days", 12);
    expect(withLastConversation(filter, "older_than_days_or_never").lastConversation).toEqual({ op: "older_than_days_or_never", days: 12 });
  });

  it("stores numbers for greater/less-than and drops the value for is set", () => {
    let filter = addCondition(readFilter({}), "seats");
    filter = updateCondition(filter, 0, { value: "10" });
    filter = updateCondition(filter, 0, { op: "gt" });
    expect(filter.attributes[0]).toEqual({ key: "seats", op: "gt", value: 10 });
    filter = updateCondition(filter, 0, { op: "exists" });
    expect(filter.attributes[0]!.value).toBeNull();
    expect(removeCondition(filter, 0).attributes).toEqual([]);
  });

  it("doesn't count a half-written condition", () => {
    const filter = addCondition(readFilter({}), "plan");
    expect(countableFilter(filter)).toBeNull();
    expect(countableFilter(updateCondition(filter, 0, { value: "pro" }))).not.toBeNull();
    expect(countableFilter(updateCondition(filter, 0, { key: "" }))).toBeNull();
  });

  it("splits tag lists on commas, trimmed and without repeats", () => {
    expect(parseTagList(" vip, churn-risk ,, vip")).toEqual(["vip", "churn-risk"]);
  });

  it("falls back to an empty filter for garbage", () => {
    expect(readFilter({ lastConversation: "yesterday" })).toEqual({ lastConversation: null, attributes: [], tags: { any: [], all: [], none: [] } });
  });

  it("reads Days within the config schema's limits, and says what is allowed otherwise", () => {
    expect(readDays("30")).toEqual({ ok: true, days: 30 });
    expect(readDays(" 3650 ")).toEqual({ ok: true, days: 3650 });
    for (const bad of ["0", "", "-5", "100000", "2.5", "abc"]) {
      expect(readDays(bad), bad).toEqual({ ok: false, error: "Enter a whole number of days from 1 to 3,650." });
    }
  });
});
