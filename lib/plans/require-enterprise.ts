import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { workspaces } from "@/lib/db/schema/workspaces";
import { notFound, SafeError } from "@/lib/errors";
import { ENTERPRISE_REQUIRED, isEnterprise, type Plan } from "./plan";

export function enterpriseRequired(feature: string): SafeError {
  return new SafeError(ENTERPRISE_REQUIRED, `${feature} is an Enterprise feature. A workspace owner can change the plan in Settings › Plan.`);
}

/**
 * THE plan gate. Every server path that offers an Enterprise feature (integrations, the
 * third-party fields of Start a Conversation, the API's third-party options) calls this, so
 * the rule and its error live in one place. `feature` names it for the person refused.
 */
export function assertEnterprise(plan: Plan, feature: string): void {
  if (!isEnterprise(plan)) throw enterpriseRequired(feature);
}

/** The same gate when only the workspace id is at hand; reads the plan in the caller's transaction. */
export async function requireEnterprise(db: DbOrTx, workspaceId: string, feature: string): Promise<void> {
  const [row] = await db.select({ plan: workspaces.plan }).from(workspaces).where(eq(workspaces.id, workspaceId));
  if (!row) throw notFound("That workspace");
  assertEnterprise(row.plan, feature);
}
