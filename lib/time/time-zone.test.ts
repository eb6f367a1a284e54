import { describe, expect, it } from "vitest";
import { formatDateTime } from "./format-date-time";
import { parseTimeZone } from "./time-zone";

describe("time zones", () => {
  it("accepts IANA zones and refuses anything else", () => {
    expect(parseTimeZone("Asia/Kolkata")).toBe("Asia/Kolkata");
    expect(parseTimeZone("UTC")).toBe("UTC");
    expect(parseTimeZone("Mars/Olympus_Mons")).toBeNull();
    expect(parseTimeZone("")).toBeNull();
    expect(parseTimeZone(undefined)).toBeNull();
    expect(parseTimeZone("x".repeat(65))).toBeNull();
  });

  it("formats one instant in the zone it is given, whatever zone the process runs in", () => {
    const instant = "2026-01-15T23:30:00.000Z";
    expect(formatDateTime(instant, "UTC")).toBe("Jan 15, 2026, 11:30 PM");
    expect(formatDateTime(instant, "America/Los_Angeles")).toBe("Jan 15, 2026, 3:30 PM");
    expect(formatDateTime(new Date(instant), "Asia/Kolkata")).toBe("Jan 16, 2026, 5:00 AM");
    expect(formatDateTime(null, "UTC")).toBe("—");
    expect(formatDateTime("not a date", "UTC")).toBe("—");
  });
});
