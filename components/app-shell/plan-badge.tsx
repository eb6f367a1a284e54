import { Badge } from "@/components/ui/badge";
import { isEnterprise, PLAN_LABELS, type Plan } from "@/lib/plans/plan";

export function PlanBadge({ plan, className }: { plan: Plan; className?: string }) {
  return (
    <Badge variant={isEnterprise(plan) ? "primary" : "neutral"} className={className}>
      {PLAN_LABELS[plan]}
    </Badge>
  );
}
