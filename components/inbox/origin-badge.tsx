import { Plug, UserRound, Workflow } from "lucide-react";
import { Badge } from "@/components/ui/badge";

/** Where a conversation came from; a workflow conversation names its workflow. */
export function OriginBadge({ origin, workflowName }: { origin: "inbound" | "workflow" | "api"; workflowName: string | null }) {
  if (origin === "workflow") {
    return (
      <Badge variant="primary" className="max-w-full">
        <Workflow aria-hidden />
        <span className="truncate">{workflowName ? `Workflow: ${workflowName}` : "Workflow"}</span>
      </Badge>
    );
  }
  if (origin === "api") {
    return (
      <Badge variant="outline">
        <Plug aria-hidden />
        API
      </Badge>
    );
  }
  return (
    <Badge variant="neutral">
      <UserRound aria-hidden />
      Inbound
    </Badge>
  );
}
