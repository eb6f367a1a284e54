import { describe, expect, it } from "vitest";
import { unreadTitle } from "./unread-title";

describe("unreadTitle", () => {
  it("puts the count in front, replaces an earlier count, and removes it at zero", () => {
    expect(unreadTitle("Inbox · Parley", 2)).toBe("(2) Inbox · Parley");
    expect(unreadTitle("(2) Inbox · Parley", 3)).toBe("(3) Inbox · Parley");
    expect(unreadTitle("(3) Inbox · Parley", 0)).toBe("Inbox · Parley");
    expect(unreadTitle("(99+) Inbox", 120)).toBe("(99+) Inbox");
  });

  it("leaves a title that merely starts with parentheses alone", () => {
    expect(unreadTitle("(draft) notes", 0)).toBe("(draft) notes");
  });
});
