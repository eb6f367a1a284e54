const formatter = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** Dates in tables: one fixed format and zone so server and client render the same text. */
export function formatTime(value: Date | null | undefined): string {
  return value ? `${formatter.format(value)} UTC` : "—";
}
