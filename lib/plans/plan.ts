import type { ErrorCode } from "@/lib/errors";

/**
 * Plans, importable anywhere (the builder's live validation runs in the browser); the server-side
 * gate that reads a workspace's plan is require-enterprise.ts.
 */
/** Every plan; the database enum and the plan form's validation are built from this list. */
export const PLANS = ["free", "enterprise"] as const;
export type Plan = (typeof PLANS)[number];
export const PLAN_LABELS: Record<Plan, string> = { free: "Free", enterprise: "Enterprise" };

/** The stable code clients (the builder, API callers) branch on to show an upgrade prompt. */
export const ENTERPRISE_REQUIRED = "enterprise_required" satisfies ErrorCode;

export function isEnterprise(plan: Plan): boolean {
  return plan === "enterprise";
}
