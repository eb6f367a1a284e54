import Link from "next/link";
import { cn } from "@/lib/utils/cn";

/** The workflow's two tabs: the builder (its canvas) and its results. Links, so each is its own URL. */
export function WorkflowTabs({ workspaceId, workflowId, current }: { workspaceId: string; workflowId: string; current: "builder" | "results" }) {
  const tab = (name: "builder" | "results", href: string, label: string) => (
    <Link
      href={href}
      aria-current={current === name ? "page" : undefined}
      className={cn(
        "rounded-md px-2.5 py-1 text-sm font-medium text-muted-foreground hover:bg-muted hover:text-foreground",
        current === name && "bg-muted text-foreground",
      )}
    >
      {label}
    </Link>
  );
  return (
    <nav aria-label="Workflow" className="flex items-center gap-1">
      {tab("builder", `/${workspaceId}/workflows/${workflowId}`, "Builder")}
      {tab("results", `/${workspaceId}/workflows/${workflowId}/results`, "Results")}
    </nav>
  );
}
