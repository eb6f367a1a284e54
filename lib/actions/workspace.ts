"use server";

import { revalidatePath } from "next/cache";
import { renameWorkspace, setPlan } from "@/lib/workspace/workspace-settings";
import { renameWorkspaceSchema, setPlanSchema } from "@/lib/workspace/workspace-settings.validation";
import { workspaceAction } from "./safe-action";

// The workspace's name and plan show in the sidebar of every page, and the plan gates fields on
// many of them: both refresh the whole workspace layout.
const refreshWorkspace = (workspaceId: string) => revalidatePath(`/${workspaceId}`, "layout");

export const renameWorkspaceAction = workspaceAction({ schema: renameWorkspaceSchema, minimumRole: "admin", revalidate: refreshWorkspace }, renameWorkspace);

export const setPlanAction = workspaceAction({ schema: setPlanSchema, minimumRole: "owner", revalidate: refreshWorkspace }, setPlan);
