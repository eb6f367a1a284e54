import { z } from "zod";

// Seconds exist so a test (or a builder trying a branch out) can see a timeout fire quickly.
export const DURATION_UNITS = ["seconds", "minutes", "hours", "days"] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

const UNIT_SECONDS: Record<DurationUnit, number> = { seconds: 1, minutes: 60, hours: 3_600, days: 86_400 };

/** A year is the longest any run may wait: longer waits are almost always a typo. */
export const MAX_DURATION_SECONDS = 366 * 86_400;

export const durationSchema = z.strictObject({
  amount: z.int().min(1).max(100_000),
  unit: z.enum(DURATION_UNITS),
});
export type Duration = z.infer<typeof durationSchema>;

export function durationSeconds(duration: Duration): number {
  return duration.amount * UNIT_SECONDS[duration.unit];
}

export function formatDuration({ amount, unit }: Duration): string {
  const singular = unit.slice(0, -1);
  return `${amount} ${amount === 1 ? singular : unit}`;
}

/** A wait longer than a run may wait, as a node's issue on `field`. */
export function durationTooLong(field: string, duration: Duration): { field: string; message: string }[] {
  return durationSeconds(duration) > MAX_DURATION_SECONDS ? [{ field, message: `${formatDuration(duration)} is too long: the most a run can wait is a year.` }] : [];
}
