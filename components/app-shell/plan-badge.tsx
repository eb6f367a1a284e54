import { Badge } from "@/components/ui/badge";
import { isEnterprise, type Plan } from "@/lib/plans/plan";

export const PLAN_LABELS: Record<Plan, string> = { free: "Free", enterprise: "Enterprise" };

export function PlanBadge({ plan, className }: { plan: Plan; className?: string }) {
  return (
    <Badge variant={isEnterprise(plan) ? "primary" : "neutral"} className={className}>
      {PLAN_LABELS[plan]}
    </Badge>
  );
}
