"use server";

import { revalidatePath } from "next/cache";
import { acceptInvitationRequest } from "@/lib/invitations/accept-invitation-request";
import { copyInvitationLink, inviteMember, resendInvitation, revokeInvitation } from "@/lib/invitations/invitations";
import { acceptInvitationSchema, invitationRefSchema, inviteMemberSchema } from "@/lib/invitations/invitations.validation";
import { publicAction, workspaceAction } from "./safe-action";

const refreshMembers = (workspaceId: string) => revalidatePath(`/${workspaceId}/settings`, "layout");

export const inviteMemberAction = workspaceAction({ schema: inviteMemberSchema, minimumRole: "admin", revalidate: refreshMembers }, inviteMember);

export const resendInvitationAction = workspaceAction({ schema: invitationRefSchema, minimumRole: "admin", revalidate: refreshMembers }, resendInvitation);

export const copyInvitationLinkAction = workspaceAction({ schema: invitationRefSchema, minimumRole: "admin", revalidate: refreshMembers }, copyInvitationLink);

export const revokeInvitationAction = workspaceAction({ schema: invitationRefSchema, minimumRole: "admin", revalidate: refreshMembers }, revokeInvitation);

/** Public: the person accepting is not a member yet; the link's token names the workspace. */
export const acceptInvitationAction = publicAction({ schema: acceptInvitationSchema }, acceptInvitationRequest);
