import { Badge } from "@/components/ui/badge";
import type { Workspace } from "@/lib/db/schema/workspaces";

export const PLAN_LABELS: Record<Workspace["plan"], string> = { free: "Free", enterprise: "Enterprise" };

export function PlanBadge({ plan, className }: { plan: Workspace["plan"]; className?: string }) {
  return (
    <Badge variant={plan === "enterprise" ? "primary" : "neutral"} className={className}>
      {PLAN_LABELS[plan]}
    </Badge>
  );
}
