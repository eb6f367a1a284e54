import { describe, expect, it } from "vitest";
import { nextWindowOpening, sendWindowProblem, sendWindowSchema, zonedInstant } from "./send-window";

// Every case passes its clock in: no sleeps, no dependence on when the suite runs.
const at = (iso: string) => new Date(iso);
const weekdays = ["mon", "tue", "wed", "thu", "fri"] as const;

describe("send window", () => {
  it("is open inside the hours on a chosen day and names the next opening outside them", () => {
    const window = { start: "09:00", end: "17:00", days: [...weekdays] };
    // Wednesday 2026-03-04, Paris is UTC+1 in winter.
    expect(nextWindowOpening(window, "Europe/Paris", at("2026-03-04T10:00:00Z"))).toBeNull();
    expect(nextWindowOpening(window, "Europe/Paris", at("2026-03-04T07:59:00Z"))).toEqual(at("2026-03-04T08:00:00Z"));
    // 17:00 local is the end: closed from then until Thursday 09:00.
    expect(nextWindowOpening(window, "Europe/Paris", at("2026-03-04T16:00:00Z"))).toEqual(at("2026-03-05T08:00:00Z"));
    // Friday evening waits over the weekend to Monday.
    expect(nextWindowOpening(window, "Europe/Paris", at("2026-03-06T18:30:00Z"))).toEqual(at("2026-03-09T08:00:00Z"));
  });

  it("reads the clock in the given zone: the same instant is inside for one contact and outside for another", () => {
    const window = { start: "09:00", end: "17:00", days: [...weekdays] };
    const instant = at("2026-03-04T15:00:00Z");
    expect(nextWindowOpening(window, "Europe/London", instant)).toBeNull();
    expect(nextWindowOpening(window, "Asia/Tokyo", instant)).toEqual(at("2026-03-05T00:00:00Z"));
    expect(nextWindowOpening(window, "America/Los_Angeles", instant)).toEqual(at("2026-03-04T17:00:00Z"));
  });

  it("crosses midnight: a Friday 22:00–06:00 window is open early Saturday and closed early Friday", () => {
    const window = { start: "22:00", end: "06:00", days: ["fri"] as ("fri")[] };
    // Saturday 2026-03-07 03:00 UTC: opened Friday 22:00.
    expect(nextWindowOpening(window, "UTC", at("2026-03-07T03:00:00Z"))).toBeNull();
    expect(nextWindowOpening(window, "UTC", at("2026-03-06T23:30:00Z"))).toBeNull();
    // Friday 03:00: Thursday's night is not chosen, so it waits for Friday 22:00.
    expect(nextWindowOpening(window, "UTC", at("2026-03-06T03:00:00Z"))).toEqual(at("2026-03-06T22:00:00Z"));
    // Saturday 06:00 is the end: next Friday 22:00.
    expect(nextWindowOpening(window, "UTC", at("2026-03-07T06:00:00Z"))).toEqual(at("2026-03-13T22:00:00Z"));
  });

  it("keeps the wall-clock hour across daylight-saving changes (New York, spring and autumn)", () => {
    const window = { start: "09:00", end: "17:00", days: [...weekdays, "sat", "sun"] as const };
    const days = [...window.days];
    // Saturday 2026-03-07 20:00 EST; Sunday 03-08 is the spring-forward day: 09:00 EDT is 13:00Z, not 14:00Z.
    expect(nextWindowOpening({ ...window, days }, "America/New_York", at("2026-03-08T01:00:00Z"))).toEqual(at("2026-03-08T13:00:00Z"));
    // Autumn: Sunday 2026-11-01 falls back; 09:00 EST is 14:00Z.
    expect(nextWindowOpening({ ...window, days }, "America/New_York", at("2026-11-01T03:00:00Z"))).toEqual(at("2026-11-01T14:00:00Z"));
    // Same instant as before the change, an hour later on the wall clock after it: 08:30 EST is outside, not 09:30.
    expect(nextWindowOpening({ ...window, days }, "America/New_York", at("2026-11-01T13:30:00Z"))).toEqual(at("2026-11-01T14:00:00Z"));
  });

  it("opens a skipped wall-clock time when the clock jumps past it, and a repeated one at its first occurrence", () => {
    // 02:30 does not exist in New York on 2026-03-08 (02:00 → 03:00 EDT at 07:00Z).
    expect(zonedInstant({ year: 2026, month: 3, day: 8 }, 150, "America/New_York")).toBe(at("2026-03-08T07:00:00Z").getTime());
    const spring = { start: "02:30", end: "04:00", days: ["sun"] as ("sun")[] };
    expect(nextWindowOpening(spring, "America/New_York", at("2026-03-08T06:00:00Z"))).toEqual(at("2026-03-08T07:00:00Z"));
    expect(nextWindowOpening(spring, "America/New_York", at("2026-03-08T07:10:00Z"))).toBeNull();
    // 01:30 happens twice on 2026-11-01 (05:30Z EDT, 06:30Z EST): the window opens at the first.
    expect(zonedInstant({ year: 2026, month: 11, day: 1 }, 90, "America/New_York")).toBe(at("2026-11-01T05:30:00Z").getTime());
  });

  it("crosses midnight on the night of a change (Berlin springs forward at 02:00 on 2026-03-29)", () => {
    const window = { start: "22:00", end: "03:00", days: ["sat"] as ("sat")[] };
    // Saturday 22:00 CET = 21:00Z; the window ends Sunday 03:00 CEST = 01:00Z (a five-hour night, not six).
    expect(nextWindowOpening(window, "Europe/Berlin", at("2026-03-28T20:59:00Z"))).toEqual(at("2026-03-28T21:00:00Z"));
    expect(nextWindowOpening(window, "Europe/Berlin", at("2026-03-29T00:59:00Z"))).toBeNull();
    expect(nextWindowOpening(window, "Europe/Berlin", at("2026-03-29T01:00:00Z"))).toEqual(at("2026-04-04T20:00:00Z"));
  });

  it("refuses a window that can never open", () => {
    expect(sendWindowProblem(sendWindowSchema.parse({ days: [] }))).toMatch(/at least one day/);
    expect(sendWindowProblem(sendWindowSchema.parse({ start: "08:00", end: "08:00" }))).toMatch(/same time/);
    expect(sendWindowProblem(sendWindowSchema.parse({}))).toBeNull();
    expect(sendWindowSchema.safeParse({ start: "24:00" }).success).toBe(false);
  });
});
