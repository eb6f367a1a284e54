const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * THE date and time format: one locale and an explicit zone, so the server and every browser
 * print the same text for the same zone (no hydration mismatch). Components read the zone with
 * useFormatDateTime() or render <LocalTime>; they never format a date any other way.
 */
export function formatDateTime(value: Date | string | null | undefined, timeZone: string): string {
  if (!value) return "—";
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return "—";
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone });
    formatters.set(timeZone, formatter);
  }
  return formatter.format(date);
}
