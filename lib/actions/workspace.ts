"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/lib/db/client";
import { createWorkspace, deleteWorkspace } from "@/lib/workspace/workspace-lifecycle";
import { createWorkspaceSchema, deleteWorkspaceSchema } from "@/lib/workspace/workspace-lifecycle.validation";
import { renameWorkspace, setPlan } from "@/lib/workspace/workspace-settings";
import { renameWorkspaceSchema, setPlanSchema } from "@/lib/workspace/workspace-settings.validation";
import { userAction, workspaceAction } from "./safe-action";

// The workspace's name and plan show in the sidebar of every page, and the plan gates fields on
// many of them: both refresh the whole workspace layout.
const refreshWorkspace = (workspaceId: string) => revalidatePath(`/${workspaceId}`, "layout");

export const renameWorkspaceAction = workspaceAction({ schema: renameWorkspaceSchema, minimumRole: "owner", revalidate: refreshWorkspace }, renameWorkspace);

export const setPlanAction = workspaceAction({ schema: setPlanSchema, minimumRole: "owner", revalidate: refreshWorkspace }, setPlan);

export const createWorkspaceAction = userAction({ schema: createWorkspaceSchema }, (userId, input) =>
  getDb().transaction((tx) => createWorkspace(tx, userId, input)),
);

// Every page of the workspace becomes a 404 at once; the layouts of the person's other workspaces drop it from their switchers.
export const deleteWorkspaceAction = workspaceAction({ schema: deleteWorkspaceSchema, minimumRole: "owner", revalidate: () => revalidatePath("/", "layout") }, deleteWorkspace);
