import { describe, expect, it } from "vitest";
import { filterSavedReplies } from "./saved-reply-options";

const replies = [
  { id: "1", title: "Shipping times", text: "Orders ship within 2 days." },
  { id: "2", title: "Refund policy", text: "Refunds within 30 days of {{order_date}}." },
  { id: "3", title: "Thanks", text: "Thanks {{first_name}}, glad to help!" },
];

describe("the composer's saved reply list", () => {
  it("keeps replies whose title or text holds every word typed, titles starting with it first", () => {
    expect(filterSavedReplies(replies, "").map((r) => r.id)).toEqual(["1", "2", "3"]);
    expect(filterSavedReplies(replies, "days").map((r) => r.id)).toEqual(["1", "2"]);
    expect(filterSavedReplies(replies, "refund 30").map((r) => r.id)).toEqual(["2"]);
    expect(filterSavedReplies(replies, "thanks").map((r) => r.id)).toEqual(["3"]);
    expect(filterSavedReplies(replies, "zzz")).toEqual([]);
    expect(filterSavedReplies(replies, "", 2)).toHaveLength(2);
  });
});
