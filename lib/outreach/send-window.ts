import { z } from "zod";

/**
 * A Start a Conversation step's send window: it sends only between two wall-clock times on chosen
 * weekdays, in the contact's time zone (a contact attribute naming an IANA zone) or else the
 * workspace's. Client-safe: the node's panel, its validation and the engine read the same rule.
 *
 * `days` are the days a window OPENS: a window from 22:00 to 06:00 on Friday runs from Friday
 * 22:00 to Saturday 06:00. Times name wall-clock time, so a daylight-saving change moves the
 * instant, never the hour on the contact's clock. A time that does not exist that day (skipped by
 * a spring-forward change) opens the moment the clock jumps past it, which is also when the
 * wall-clock check first finds the contact inside; a time that happens twice opens at the first.
 */
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const WEEKDAY_LABELS: Record<Weekday, string> = { mon: "Mon", tue: "Tue", wed: "Wed", thu: "Thu", fri: "Fri", sat: "Sat", sun: "Sun" };

const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const clockTimeSchema = z.string().regex(CLOCK_TIME, "Enter a time as HH:MM, like 09:00.");

export const DEFAULT_TIME_ZONE_ATTRIBUTE = "timezone";

export const sendWindowSchema = z.strictObject({
  start: clockTimeSchema.default("09:00"),
  end: clockTimeSchema.default("17:00"),
  days: z.array(z.enum(WEEKDAYS)).max(7).default(["mon", "tue", "wed", "thu", "fri"]),
  /** The contact attribute holding their IANA time zone ("Europe/Paris"); absent or unknown: the workspace's. */
  timeZoneAttribute: z.string().trim().max(100).default(DEFAULT_TIME_ZONE_ATTRIBUTE),
});
export type SendWindow = z.infer<typeof sendWindowSchema>;

/** What is wrong with a window as a builder wrote it, or null. */
export function sendWindowProblem(window: SendWindow): string | null {
  if (window.days.length === 0) return "Choose at least one day the window opens.";
  if (window.start === window.end) return "The window's start and end are the same time: choose an end after the start (or the next morning).";
  if (window.timeZoneAttribute === "") return "Name the contact attribute that holds their time zone (for example timezone).";
  return null;
}

function minutesOf(clock: string): number {
  const match = CLOCK_TIME.exec(clock)!;
  return Number(match[1]) * 60 + Number(match[2]);
}

type Wall = { year: number; month: number; day: number; minutes: number; weekday: number };

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall clock in `timeZone` at `instant` (weekday 0 = Monday, as WEEKDAYS). */
function wallClock(instant: number, timeZone: string): Wall & { seconds: number } {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) if (part.type !== "literal") parts[part.type] = Number(part.value);
  const weekday = (new Date(Date.UTC(parts.year!, parts.month! - 1, parts.day!)).getUTCDay() + 6) % 7;
  return { year: parts.year!, month: parts.month!, day: parts.day!, minutes: parts.hour! * 60 + parts.minute!, seconds: parts.second!, weekday };
}

/** The zone's offset from UTC at `instant`, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const wall = wallClock(instant, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, 0, wall.minutes, wall.seconds);
  return asUtc - (instant - (((instant % 1000) + 1000) % 1000));
}

/** The instant the wall clock in `timeZone` shows this date and time (see the module's note on gaps and repeats). */
export function zonedInstant(date: { year: number; month: number; day: number }, minutes: number, timeZone: string): number {
  const naive = Date.UTC(date.year, date.month - 1, date.day, 0, minutes);
  const before = offsetAt(naive - 86_400_000, timeZone);
  const after = offsetAt(naive + 86_400_000, timeZone);
  const candidates = [...new Set([naive - before, naive - after])].filter((instant) => {
    const wall = wallClock(instant, timeZone);
    return wall.year === date.year && wall.month === date.month && wall.day === date.day && wall.minutes === minutes;
  });
  // Repeated (fall back): the first.
  if (candidates.length > 0) return Math.min(...candidates);
  // Skipped (spring forward): the first instant whose wall clock is past it, found to the second
  // between the two offsets' readings (the clock jumps once in between).
  let low = Math.min(naive - before, naive - after);
  let high = Math.max(naive - before, naive - after);
  while (high - low > 1_000) {
    const middle = low + Math.floor((high - low) / 2_000) * 1_000;
    if (middle + offsetAt(middle, timeZone) >= naive) high = middle;
    else low = middle;
  }
  return high;
}

function addDays(date: { year: number; month: number; day: number }, days: number) {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/**
 * When the window next opens, or null when `now` is inside it (the step may send now). A pure
 * function of its inputs: callers pass the clock, so tests fix it.
 */
export function nextWindowOpening(window: Pick<SendWindow, "start" | "end" | "days">, timeZone: string, now: Date): Date | null {
  const instant = now.getTime();
  const start = minutesOf(window.start);
  const end = minutesOf(window.end);
  const days = new Set(window.days.map((day) => WEEKDAYS.indexOf(day)));
  if (days.size === 0) throw new Error("A send window needs at least one day.");
  const wall = wallClock(instant, timeZone);
  const today = { year: wall.year, month: wall.month, day: wall.day };
  const crossesMidnight = end < start;
  if (crossesMidnight) {
    // Open since yesterday's start (until end this morning), or since today's start.
    if (wall.minutes < end && days.has((wall.weekday + 6) % 7)) return null;
    if (wall.minutes >= start && days.has(wall.weekday)) return null;
  } else if (wall.minutes >= start && wall.minutes < end && days.has(wall.weekday)) {
    return null;
  }
  for (let ahead = 0; ahead <= 7; ahead++) {
    if (!days.has((wall.weekday + ahead) % 7)) continue;
    const opening = zonedInstant(addDays(today, ahead), start, timeZone);
    if (opening > instant) return new Date(opening);
  }
  throw new Error("A send window with a day always opens within a week.");
}
