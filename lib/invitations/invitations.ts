import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { generateSecretToken } from "@/lib/auth/secret-token";
import { invitations } from "@/lib/db/schema/people";
import { memberships, teams, users, workspaces, type Role } from "@/lib/db/schema/workspaces";
import { isUniqueViolation } from "@/lib/db/pg-error";
import { forbidden, notFound, SafeError } from "@/lib/errors";
import { assertWithinLimit } from "@/lib/limits/attempt-limit";
import { queueMail } from "@/lib/mail/queue-mail";
import { canInviteAs, canManageMember } from "@/lib/members/member-permissions";
import { lockMemberships, requireActingRole } from "@/lib/members/membership-lock";
import { audit } from "@/lib/services/audit";
import type { ServiceContext } from "@/lib/services/service-context";
import { INVITATION_TTL_SECONDS, invitationPath, invitationUrl } from "./invitation-link";
import { invitationMail } from "./invitation-mail";
import type { InvitationRefInput, InviteMemberInput } from "./invitations.validation";

/**
 * Invitation mails are limited per workspace (a compromised admin cannot spam from Parley) and per
 * address (nobody is flooded, whichever workspaces invite them). Copying a link mails nothing and
 * is not counted.
 */
export const INVITATION_LIMITS = {
  perWorkspace: { bucket: "invitation.workspace", max: 50, windowSeconds: 60 * 60 },
  perAddress: { bucket: "invitation.address", max: 5, windowSeconds: 60 * 60 },
} as const;

async function countMailedInvitation(ctx: ServiceContext, email: string): Promise<void> {
  await assertWithinLimit(ctx.tx, { ...INVITATION_LIMITS.perWorkspace, key: ctx.workspace.id }, "invitations from this workspace");
  await assertWithinLimit(ctx.tx, { ...INVITATION_LIMITS.perAddress, key: email }, `invitations to ${email}`);
}

/** The inviter's role as it is now, under the membership lock (they may have been demoted since their request began). */
async function actingRole(ctx: ServiceContext): Promise<Role> {
  if (ctx.actor.type !== "user") throw forbidden();
  return requireActingRole((await lockMemberships(ctx)).actorRole);
}

const expiresAtFromNow = sql`now() + make_interval(secs => ${INVITATION_TTL_SECONDS})`;

async function mailInvitation(ctx: ServiceContext, invitation: { email: string; role: Role; expiresAt: Date }, token: string): Promise<void> {
  const [workspace] = await ctx.tx.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, ctx.workspace.id));
  const [inviter] = ctx.actor.type === "user" ? await ctx.tx.select({ name: users.name }).from(users).where(eq(users.id, ctx.actor.userId)) : [];
  const mail = invitationMail({
    to: invitation.email,
    workspaceName: workspace?.name ?? "a workspace",
    inviterName: inviter?.name ?? "Someone",
    role: invitation.role,
    url: invitationUrl(token),
    expiresAt: invitation.expiresAt,
  });
  await queueMail(ctx.tx, { ...mail, workspaceId: ctx.workspace.id });
}

/**
 * Invites someone by email with a role (owners any role, admins agents only) and teams, and
 * mails them the link. An address that is already a member, or already has a pending invitation,
 * is told so; an expired invitation to the address is replaced.
 */
export async function inviteMember(ctx: ServiceContext, input: InviteMemberInput): Promise<{ invitationId: string; email: string }> {
  const role = await actingRole(ctx);
  if (!canInviteAs(role, input.role)) throw forbidden(role === "admin" ? "Admins can invite agents only. Ask an owner to invite an admin or owner." : "Only owners and admins can invite people.");
  const teamIds = [...new Set(input.teamIds)];
  const chosenTeams = teamIds.length
    ? await ctx.tx.select({ id: teams.id, name: teams.name }).from(teams).where(and(eq(teams.workspaceId, ctx.workspace.id), inArray(teams.id, teamIds)))
    : [];
  if (chosenTeams.length !== teamIds.length) throw notFound("That team");

  const [member] = await ctx.tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, ctx.workspace.id), sql`lower(${users.email}) = ${input.email}`));
  if (member) throw new SafeError("already_member", `${input.email} is already a member of this workspace.`);

  const [open] = await ctx.tx
    .select({ id: invitations.id, expired: sql<boolean>`${invitations.expiresAt} <= now()` })
    .from(invitations)
    .where(and(eq(invitations.workspaceId, ctx.workspace.id), eq(invitations.email, input.email), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .for("update");
  if (open && !open.expired) {
    throw new SafeError("conflict", `${input.email} already has a pending invitation. Resend it or copy its link from the list of pending invitations.`);
  }
  if (open) await ctx.tx.update(invitations).set({ revokedAt: sql`now()` }).where(eq(invitations.id, open.id));

  await countMailedInvitation(ctx, input.email);
  const { token, hash } = generateSecretToken();
  let created: { id: string; expiresAt: Date };
  try {
    const [row] = await ctx.tx
      .insert(invitations)
      .values({
        workspaceId: ctx.workspace.id,
        email: input.email,
        role: input.role,
        teamIds,
        tokenHash: hash,
        invitedBy: ctx.actor.type === "user" ? ctx.actor.userId : null,
        expiresAt: expiresAtFromNow,
      })
      .returning({ id: invitations.id, expiresAt: invitations.expiresAt });
    created = row!;
  } catch (error) {
    // Someone invited the same address at the same moment; theirs is the pending one.
    if (isUniqueViolation(error, "invitations_open_email_key")) throw new SafeError("conflict", `${input.email} was just invited by someone else.`);
    throw error;
  }
  await mailInvitation(ctx, { email: input.email, role: input.role, expiresAt: created.expiresAt }, token);
  await audit(ctx, {
    action: "member.invited",
    target: { type: "invitation", id: created.id },
    data: { email: input.email, role: input.role, teams: chosenTeams.map((team) => team.name) },
  });
  return { invitationId: created.id, email: input.email };
}

/** A pending (not accepted, not revoked; possibly expired) invitation this person may handle, locked. */
async function lockPendingInvitation(ctx: ServiceContext, invitationId: string) {
  // The membership lock first, as every membership change takes it, so no two wait on each other.
  const role = await actingRole(ctx);
  const [invitation] = await ctx.tx
    .select({ id: invitations.id, email: invitations.email, role: invitations.role })
    .from(invitations)
    .where(and(eq(invitations.workspaceId, ctx.workspace.id), eq(invitations.id, invitationId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .for("update");
  if (!invitation) throw notFound("That invitation");
  if (!canManageMember(role, invitation.role)) throw forbidden("Admins can handle agents' invitations only.");
  return invitation;
}

/** A fresh token for the invitation, valid 7 days from now: the previous link stops working. */
async function reissue(ctx: ServiceContext, invitationId: string): Promise<{ token: string; expiresAt: Date }> {
  const { token, hash } = generateSecretToken();
  const [row] = await ctx.tx
    .update(invitations)
    .set({ tokenHash: hash, expiresAt: expiresAtFromNow, sentAt: sql`now()` })
    .where(eq(invitations.id, invitationId))
    .returning({ expiresAt: invitations.expiresAt });
  return { token, expiresAt: row!.expiresAt };
}

/** Mails the invitation again with a fresh link (an expired one is renewed this way). */
export async function resendInvitation(ctx: ServiceContext, input: InvitationRefInput): Promise<{ email: string }> {
  const invitation = await lockPendingInvitation(ctx, input.invitationId);
  await countMailedInvitation(ctx, invitation.email);
  const { token, expiresAt } = await reissue(ctx, invitation.id);
  await mailInvitation(ctx, { ...invitation, expiresAt }, token);
  await audit(ctx, { action: "invitation.resent", target: { type: "invitation", id: invitation.id }, data: { email: invitation.email } });
  return { email: invitation.email };
}

/**
 * The invitation's link, to hand over another way (a team without mail). Only a hash is stored,
 * so the link cannot be read back: a fresh one is issued, and the earlier link (mailed or copied)
 * stops working.
 */
export async function copyInvitationLink(ctx: ServiceContext, input: InvitationRefInput): Promise<{ path: string; email: string }> {
  const invitation = await lockPendingInvitation(ctx, input.invitationId);
  const { token } = await reissue(ctx, invitation.id);
  await audit(ctx, { action: "invitation.link_copied", target: { type: "invitation", id: invitation.id }, data: { email: invitation.email } });
  return { path: invitationPath(token), email: invitation.email };
}

export async function revokeInvitation(ctx: ServiceContext, input: InvitationRefInput): Promise<{ email: string }> {
  const invitation = await lockPendingInvitation(ctx, input.invitationId);
  await ctx.tx.update(invitations).set({ revokedAt: sql`now()` }).where(eq(invitations.id, invitation.id));
  await audit(ctx, { action: "invitation.revoked", target: { type: "invitation", id: invitation.id }, data: { email: invitation.email, role: invitation.role } });
  return { email: invitation.email };
}
