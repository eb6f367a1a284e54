"use server";

import { eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { getDb } from "../db/client";
import { auditLog } from "../db/schema/platform";
import { workspaces } from "../db/schema/workspaces";
import { workspaceAction } from "./safe-action";
import { renameWorkspaceSchema } from "./workspace.validation";

export const renameWorkspace = workspaceAction(
  { schema: renameWorkspaceSchema, minimumRole: "admin" },
  async ({ name }, { user, workspace }) => {
    await getDb().transaction(async (tx) => {
      await tx.update(workspaces).set({ name }).where(eq(workspaces.id, workspace.id));
      await tx.insert(auditLog).values({
        workspaceId: workspace.id,
        actorUserId: user.id,
        action: "workspace.renamed",
        targetType: "workspace",
        targetId: workspace.id,
        data: { from: workspace.name, to: name },
      });
    });
    // The name shows in the sidebar of every page of the workspace.
    revalidatePath(`/${workspace.id}`, "layout");
    return { name };
  },
);
