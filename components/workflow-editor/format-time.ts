const formatter = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

/** One fixed locale so server and browser render the same text (no hydration mismatch). */
export function formatDateTime(iso: string | Date | null | undefined): string {
  if (!iso) return "—";
  const date = typeof iso === "string" ? new Date(iso) : iso;
  return Number.isNaN(date.getTime()) ? "—" : formatter.format(date);
}
