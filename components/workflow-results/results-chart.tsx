"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ChartPoint, ChartUnit } from "@/lib/results/workflow-results";

const tick = (unit: ChartUnit) => (bucket: string) => {
  const date = new Date(bucket);
  return unit === "day"
    ? date.toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" })
    : date.toLocaleTimeString("en-US", { hour: "numeric", timeZone: "UTC" });
};

/**
 * Sends, replies and (with a goal) goals met over time (UTC buckets). recharts measures its container in the browser, so
 * the server renders the frame at its final height and the bars fill it after hydration; the
 * table below the chart carries the same numbers for anyone who cannot see it.
 */
export function ResultsChart({ points, unit, goals }: { points: ChartPoint[]; unit: ChartUnit; goals: boolean }) {
  const format = tick(unit);
  return (
    <div className="h-64 w-full" role="img" aria-label={`${goals ? "Sends, replies and goals met" : "Sends and replies"} per ${unit}, UTC`}>
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 600, height: 256 }}>
        <BarChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--color-border)" />
          <XAxis dataKey="bucket" tickFormatter={format} minTickGap={16} tick={{ fontSize: 12, fill: "var(--color-muted-foreground)" }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: "var(--color-muted-foreground)" }} />
          <Tooltip labelFormatter={(label) => format(String(label))} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="sends" name="Sends" fill="var(--color-primary)" radius={[3, 3, 0, 0]} isAnimationActive={false} />
          <Bar dataKey="replies" name="Replies" fill="var(--color-success-soft-foreground)" radius={[3, 3, 0, 0]} isAnimationActive={false} />
          {goals ? <Bar dataKey="goals" name="Goals met" fill="var(--color-warning-soft-foreground)" radius={[3, 3, 0, 0]} isAnimationActive={false} /> : null}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
