"use server";

import { revalidatePath } from "next/cache";
import { changeMemberRole, removeMember } from "@/lib/members/members";
import { changeMemberRoleSchema, removeMemberSchema } from "@/lib/members/members.validation";
import { workspaceAction } from "./safe-action";

// Members appear across the workspace (assignee menus, filters, the settings): refresh all of it.
const refreshWorkspace = (workspaceId: string) => revalidatePath(`/${workspaceId}`, "layout");

export const changeMemberRoleAction = workspaceAction({ schema: changeMemberRoleSchema, minimumRole: "admin", revalidate: refreshWorkspace }, changeMemberRole);

export const removeMemberAction = workspaceAction({ schema: removeMemberSchema, minimumRole: "admin", revalidate: refreshWorkspace }, removeMember);
