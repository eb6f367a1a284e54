import { describe, expect, it } from "vitest";
import { formatAttributeValue, parseAttributeValue, parseCalendarDate } from "./attribute-types";

describe("parseAttributeValue", () => {
  it("reads numbers from JSON and from plain decimal text, and refuses what it would have to guess", () => {
    expect(parseAttributeValue({ type: "number" }, 42)).toEqual({ ok: true, value: 42 });
    expect(parseAttributeValue({ type: "number" }, " -3.5 ")).toEqual({ ok: true, value: -3.5 });
    for (const raw of ["1e3", "0x10", "1,000", "Infinity", "twelve", true]) {
      expect(parseAttributeValue({ type: "number" }, raw), String(raw)).toMatchObject({ ok: false });
    }
    expect(parseAttributeValue({ type: "number" }, "9007199254740993")).toMatchObject({ ok: false, message: expect.stringContaining("too large") });
  });

  it("takes real calendar days only, kept as YYYY-MM-DD", () => {
    expect(parseAttributeValue({ type: "date" }, "2026-03-05")).toEqual({ ok: true, value: "2026-03-05" });
    expect(parseCalendarDate("2026-02-30")).toBeNull();
    expect(parseAttributeValue({ type: "date" }, "03/05/2026")).toMatchObject({ ok: false });
  });

  it("reads yes/no words for booleans and list values case-insensitively, stored as the option is spelled", () => {
    expect(parseAttributeValue({ type: "boolean" }, "Yes")).toEqual({ ok: true, value: true });
    expect(parseAttributeValue({ type: "boolean" }, "0")).toEqual({ ok: true, value: false });
    expect(parseAttributeValue({ type: "boolean" }, "maybe")).toMatchObject({ ok: false });
    const plan = { type: "list" as const, options: ["Free", "Pro"] };
    expect(parseAttributeValue(plan, "pro")).toEqual({ ok: true, value: "Pro" });
    expect(parseAttributeValue(plan, "Gold")).toEqual({ ok: false, message: "Choose one of: Free, Pro." });
  });

  it("treats blank input as no value, for every type", () => {
    for (const type of ["text", "number", "date", "boolean", "list"] as const) {
      expect(parseAttributeValue({ type }, "  ")).toEqual({ ok: true, value: null });
      expect(parseAttributeValue({ type }, null)).toEqual({ ok: true, value: null });
    }
  });
});

describe("formatAttributeValue", () => {
  it("reads dates, numbers and booleans the way a person writes them", () => {
    expect(formatAttributeValue({ type: "date" }, "2026-03-05")).toBe("March 5, 2026");
    expect(formatAttributeValue({ type: "number" }, 1234567.25)).toBe("1,234,567.25");
    expect(formatAttributeValue({ type: "boolean" }, false)).toBe("No");
    expect(formatAttributeValue(undefined, "  Gold ")).toBe("Gold");
    expect(formatAttributeValue({ type: "text" }, "")).toBeNull();
  });
});
