"use server";

import { revalidatePath } from "next/cache";
import { addTeamMember, createTeam, deleteTeam, removeTeamMember, renameTeam } from "@/lib/teams/teams";
import { createTeamSchema, deleteTeamSchema, renameTeamSchema, teamMemberSchema } from "@/lib/teams/teams.validation";
import { workspaceAction } from "./safe-action";

// Teams are the inbox's team views and appear in assignee menus: the whole workspace refreshes,
// so /inbox/team/<id> follows at once (a deleted team's view is a 404).
const refreshWorkspace = (workspaceId: string) => revalidatePath(`/${workspaceId}`, "layout");
const options = <S>(schema: S) => ({ schema, minimumRole: "admin" as const, revalidate: refreshWorkspace });

export const createTeamAction = workspaceAction(options(createTeamSchema), createTeam);

export const renameTeamAction = workspaceAction(options(renameTeamSchema), renameTeam);

export const deleteTeamAction = workspaceAction(options(deleteTeamSchema), deleteTeam);

export const addTeamMemberAction = workspaceAction(options(teamMemberSchema), addTeamMember);

export const removeTeamMemberAction = workspaceAction(options(teamMemberSchema), removeTeamMember);
