"use server";

import { eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { getDb } from "../db/client";
import { auditLog } from "../db/schema/platform";
import { workspaces } from "../db/schema/workspaces";
import { setPlanSchema } from "./plan.validation";
import { workspaceAction } from "./safe-action";

/**
 * There is no billing: the owner switches the plan. Downgrading keeps integrations and their
 * data but the Enterprise gate refuses changes and third-party options until upgraded again.
 */
export const setPlanAction = workspaceAction({ schema: setPlanSchema, minimumRole: "owner" }, async ({ plan }, { user, workspace }) => {
  await getDb().transaction(async (tx) => {
    await tx.update(workspaces).set({ plan }).where(eq(workspaces.id, workspace.id));
    await tx.insert(auditLog).values({
      workspaceId: workspace.id,
      actorUserId: user.id,
      action: "workspace.plan_changed",
      targetType: "workspace",
      targetId: workspace.id,
      data: { from: workspace.plan, to: plan },
    });
  });
  // The plan shows in the sidebar and gates fields on many pages.
  revalidatePath(`/${workspace.id}`, "layout");
  return { plan };
});
