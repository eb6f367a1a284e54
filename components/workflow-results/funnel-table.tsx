import type { FunnelRow } from "@/lib/results/workflow-results";

const STAGES = [
  { key: "entered", label: "Entered" },
  { key: "sent", label: "Sent" },
  { key: "delivered", label: "Delivered" },
  { key: "seen", label: "Seen" },
  { key: "started", label: "Started (replied)" },
  { key: "goal", label: "Goal met" },
] as const;

const percent = (part: number, whole: number) => (whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : "—");

/**
 * One step's funnel: each stage's count, its share of those who entered (the bar) and of the stage
 * before it. A table, so a screen reader reads every number with its stage.
 */
export function FunnelTable({ row, label }: { row: FunnelRow; label: string }) {
  const stages = STAGES.filter((stage) => stage.key !== "goal" || row.goal !== null);
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">Funnel of {label}</caption>
      <thead>
        <tr className="text-left text-xs text-muted-foreground">
          <th scope="col" className="py-1.5 pr-2 font-medium">Stage</th>
          <th scope="col" className="py-1.5 pr-2 text-right font-medium">Contacts</th>
          <th scope="col" className="hidden py-1.5 pr-2 font-medium sm:table-cell">
            <span className="sr-only">Share of entered</span>
          </th>
          <th scope="col" className="py-1.5 pr-2 text-right font-medium">Of entered</th>
          <th scope="col" className="py-1.5 text-right font-medium">From previous</th>
        </tr>
      </thead>
      <tbody>
        {stages.map((stage, index) => {
          const value = row[stage.key] ?? 0;
          const previous = index === 0 ? value : (row[stages[index - 1]!.key] ?? 0);
          const width = row.entered > 0 ? Math.max(0, Math.min(100, (value / row.entered) * 100)) : 0;
          return (
            <tr key={stage.key} className="border-t">
              <th scope="row" className="py-1.5 pr-2 text-left font-medium">{stage.label}</th>
              <td className="py-1.5 pr-2 text-right tabular-nums">{value.toLocaleString("en-US")}</td>
              <td className="hidden w-1/3 py-1.5 pr-2 sm:table-cell" aria-hidden>
                <div className="h-2 rounded-full bg-muted">
                  <div className="h-2 rounded-full bg-primary" style={{ width: `${width}%` }} />
                </div>
              </td>
              <td className="py-1.5 pr-2 text-right tabular-nums">{index === 0 ? "100%" : percent(value, row.entered)}</td>
              {/* A goal is met by runs whatever they reached (a reply elsewhere, an attribute): not a share of the stage before. */}
              <td className="py-1.5 text-right tabular-nums">{index === 0 || stage.key === "goal" ? "" : percent(value, previous)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
