"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * A timestamp in the reader's own time zone. The server renders UTC (it cannot know the zone);
 * the browser swaps in local time after hydration without a mismatch.
 */
export function LocalTime({ value, className }: { value: string; className?: string }) {
  const date = new Date(value);
  const text = useSyncExternalStore(
    subscribe,
    () => date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }),
    () => `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`,
  );
  return (
    <time dateTime={value} className={className}>
      {text}
    </time>
  );
}
