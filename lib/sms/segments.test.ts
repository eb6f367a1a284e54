import { describe, expect, it } from "vitest";
import { smsSegments } from "./segments";

describe("smsSegments", () => {
  it("counts an empty message as no segment", () => {
    expect(smsSegments("")).toEqual({ segments: 0, encoding: "GSM-7", remaining: 160, units: 0 });
  });

  it("fits 160 GSM-7 characters in one segment and splits at 153 after that", () => {
    expect(smsSegments("a".repeat(160))).toMatchObject({ segments: 1, encoding: "GSM-7", remaining: 0 });
    expect(smsSegments("a".repeat(161))).toMatchObject({ segments: 2, encoding: "GSM-7", remaining: 306 - 161 });
    expect(smsSegments("a".repeat(306))).toMatchObject({ segments: 2, remaining: 0 });
    expect(smsSegments("a".repeat(307))).toMatchObject({ segments: 3 });
  });

  it("counts GSM extension characters as two", () => {
    expect(smsSegments("€".repeat(80))).toMatchObject({ segments: 1, encoding: "GSM-7", remaining: 0, units: 160 });
    expect(smsSegments("{".repeat(81))).toMatchObject({ segments: 2, encoding: "GSM-7", units: 162 });
  });

  it("keeps accented letters of the GSM alphabet in GSM-7", () => {
    expect(smsSegments("Café à Zürich, Ñoño").encoding).toBe("GSM-7");
  });

  it("switches the whole message to UCS-2 for one character outside GSM-7", () => {
    expect(smsSegments("ñandú").encoding).toBe("UCS-2");
    expect(smsSegments(`${"a".repeat(69)}ç`)).toMatchObject({ segments: 1, encoding: "UCS-2", remaining: 0 });
    expect(smsSegments("a".repeat(71).replace(/^a/, "ł"))).toMatchObject({ segments: 2, encoding: "UCS-2", remaining: 134 - 71 });
  });

  it("counts an emoji as two UTF-16 units", () => {
    expect(smsSegments("👋")).toMatchObject({ segments: 1, encoding: "UCS-2", units: 2, remaining: 68 });
    expect(smsSegments("👋".repeat(35))).toMatchObject({ segments: 1, remaining: 0 });
    expect(smsSegments("👋".repeat(36))).toMatchObject({ segments: 2 });
  });
});
