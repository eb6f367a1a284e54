import { Badge } from "@/components/ui/badge";
import type { WorkflowStatus } from "@/lib/workflow/workflow-summaries";

const LABELS: Record<WorkflowStatus, string> = { draft: "Draft", live: "Live", paused: "Paused" };
const VARIANTS = { draft: "neutral", live: "success", paused: "warning" } as const;

export function WorkflowStatusBadge({ status }: { status: WorkflowStatus }) {
  return <Badge variant={VARIANTS[status]}>{LABELS[status]}</Badge>;
}
