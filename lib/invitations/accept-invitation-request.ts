import "server-only";
import { getSessionUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { runService } from "@/lib/services/run-service";
import { acceptInvitation, invalidInvitationLink, invitationWorkspace, type AcceptedInvitation } from "./accept-invitation";
import type { AcceptInvitationInput } from "./invitations.validation";

/**
 * Accepting from the public /invite page: the person is not a member yet, so the workspace comes
 * from the link's invitation, and who is signed in (if anyone) from the session.
 */
export async function acceptInvitationRequest(input: AcceptInvitationInput): Promise<AcceptedInvitation> {
  const workspace = await invitationWorkspace(getDb(), input.token);
  if (!workspace) throw invalidInvitationLink();
  const user = await getSessionUser();
  return runService({ workspace, actor: { type: "system" } }, acceptInvitation, { ...input, signedInUserId: user?.id ?? null });
}
