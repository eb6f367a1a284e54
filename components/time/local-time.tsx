"use client";

import { useFormatDateTime } from "./time-zone-provider";

/** A date and time in the viewer's zone, the same text on the server and in the browser. */
export function LocalTime({ value, className }: { value: Date | string | null | undefined; className?: string }) {
  const format = useFormatDateTime();
  if (!value) return <span className={className}>—</span>;
  const iso = typeof value === "string" ? value : value.toISOString();
  return (
    <time dateTime={iso} className={className}>
      {format(value)}
    </time>
  );
}
