import { and, eq, inArray, sql } from "drizzle-orm";
import { hashPassword } from "@/lib/auth/password";
import { hashSecretToken, looksLikeSecretToken } from "@/lib/auth/secret-token";
import type { DbOrTx } from "@/lib/db/client";
import { invitations, type Invitation } from "@/lib/db/schema/people";
import { memberships, teamMembers, teams, users, workspaces } from "@/lib/db/schema/workspaces";
import { isUniqueViolation } from "@/lib/db/pg-error";
import { forbidden, SafeError } from "@/lib/errors";
import { notifyLiveEvents } from "@/lib/live/notify-live";
import { lockMemberships } from "@/lib/members/membership-lock";
import { workspaceIsLive } from "@/lib/workspace/live-workspace";
import { audit } from "@/lib/services/audit";
import type { ServiceContext, ServiceWorkspace } from "@/lib/services/service-context";
import type { AcceptInvitationInput } from "./invitations.validation";

export type InvitationState = "usable" | "expired" | "revoked" | "accepted";

export const invalidInvitationLink = () =>
  new SafeError("not_found", "This invitation link is not valid. It may have been replaced by a newer link: ask the person who invited you to send it again.");

function stateOf(invitation: Pick<Invitation, "acceptedAt" | "revokedAt">, expired: boolean): InvitationState {
  if (invitation.acceptedAt) return "accepted";
  if (invitation.revokedAt) return "revoked";
  return expired ? "expired" : "usable";
}

const UNUSABLE: Record<Exclude<InvitationState, "usable">, string> = {
  accepted: "This invitation has already been accepted. Sign in to open the workspace.",
  revoked: "This invitation was revoked. Ask the person who invited you for a new one.",
  expired: "This invitation has expired. Ask the person who invited you to send it again.",
};

export function invitationUnusable(state: Exclude<InvitationState, "usable">): SafeError {
  return new SafeError("invitation_unusable", UNUSABLE[state], { state });
}

const byToken = (token: string) => eq(invitations.tokenHash, hashSecretToken(token));

/** What the accept page shows for a link: the invitation, its workspace and inviter, and whether the address has an account. */
export async function findInvitationByToken(db: DbOrTx, token: unknown) {
  if (!looksLikeSecretToken(token)) return null;
  const [row] = await db
    .select({
      invitation: invitations,
      expired: sql<boolean>`${invitations.expiresAt} <= now()`,
      workspace: { id: workspaces.id, name: workspaces.name, plan: workspaces.plan },
      inviterName: users.name,
    })
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(and(byToken(token), workspaceIsLive()));
  if (!row) return null;
  const [account] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${row.invitation.email}`);
  const [membership] = account
    ? await db.select({ role: memberships.role }).from(memberships).where(and(eq(memberships.workspaceId, row.workspace.id), eq(memberships.userId, account.id)))
    : [];
  return {
    id: row.invitation.id,
    email: row.invitation.email,
    role: row.invitation.role,
    expiresAt: row.invitation.expiresAt,
    state: stateOf(row.invitation, row.expired),
    workspace: row.workspace,
    inviterName: row.inviterName,
    accountUserId: account?.id ?? null,
    alreadyMember: Boolean(membership),
  };
}

export type InvitationView = NonNullable<Awaited<ReturnType<typeof findInvitationByToken>>>;

/** The workspace a link's invitation is for, whatever its state (the scope to accept it in), or null. */
export async function invitationWorkspace(db: DbOrTx, token: unknown): Promise<ServiceWorkspace | null> {
  if (!looksLikeSecretToken(token)) return null;
  const [row] = await db
    .select({ id: workspaces.id, plan: workspaces.plan })
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
    .where(and(byToken(token), workspaceIsLive()));
  return row ?? null;
}

export type AcceptInvitationServiceInput = AcceptInvitationInput & {
  /** Who is signed in in the browser that accepts, if anyone. */
  signedInUserId: string | null;
};

export type AcceptedInvitation = { workspaceId: string; email: string; createdAccount: boolean; alreadyMember: boolean };

const missing = (path: "name" | "password", message: string) => new SafeError("invalid_input", message, { path });

/**
 * Accepts an invitation, once: the invitation row is locked, so of two tabs accepting the same
 * link one joins and the other is told it was already accepted. Someone with an account (by the
 * invitation's address) must be signed in as that account; someone without one gets an account
 * with the name and password they chose. Either way they become a member with the invited role
 * and join the invited teams that still exist.
 */
export async function acceptInvitation(ctx: ServiceContext, input: AcceptInvitationServiceInput): Promise<AcceptedInvitation> {
  // Joins are membership changes too: they wait for a removal or role change in progress. The
  // membership lock comes before the invitation's, in the order every invitation change takes them.
  await lockMemberships(ctx);
  const [invitation] = await ctx.tx
    .select({ row: invitations, expired: sql<boolean>`${invitations.expiresAt} <= now()` })
    .from(invitations)
    .where(and(byToken(input.token), eq(invitations.workspaceId, ctx.workspace.id)))
    .for("update");
  if (!invitation) throw invalidInvitationLink();
  const state = stateOf(invitation.row, invitation.expired);
  if (state !== "usable") throw invitationUnusable(state);
  const { email, role } = invitation.row;

  const [account] = await ctx.tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email}`);
  let userId: string;
  let createdAccount = false;
  if (account) {
    if (input.signedInUserId !== account.id) {
      if (!input.signedInUserId) throw new SafeError("unauthorized", `${email} already has a Parley account: sign in to accept the invitation.`);
      throw forbidden(`This invitation is for ${email}. Sign out, then sign in as ${email} to accept it.`);
    }
    userId = account.id;
  } else {
    if (!input.name) throw missing("name", "Enter your name.");
    if (!input.password) throw missing("password", "Choose a password.");
    const passwordHash = await hashPassword(input.password);
    try {
      const [created] = await ctx.tx.insert(users).values({ email, name: input.name, passwordHash }).returning({ id: users.id });
      userId = created!.id;
    } catch (error) {
      if (isUniqueViolation(error, "users_email_key")) throw new SafeError("conflict", `An account for ${email} was just created. Sign in to accept the invitation.`);
      throw error;
    }
    createdAccount = true;
  }

  const joined = await ctx.tx.insert(memberships).values({ workspaceId: ctx.workspace.id, userId, role }).onConflictDoNothing().returning({ userId: memberships.userId });
  await ctx.tx.update(invitations).set({ acceptedAt: sql`now()`, acceptedBy: userId }).where(eq(invitations.id, invitation.row.id));
  if (joined.length === 0) return { workspaceId: ctx.workspace.id, email, createdAccount, alreadyMember: true };

  const teamRows = invitation.row.teamIds.length
    ? await ctx.tx.select({ id: teams.id, name: teams.name }).from(teams).where(and(eq(teams.workspaceId, ctx.workspace.id), inArray(teams.id, invitation.row.teamIds)))
    : [];
  if (teamRows.length) await ctx.tx.insert(teamMembers).values(teamRows.map((team) => ({ teamId: team.id, userId }))).onConflictDoNothing();

  // The person who joined is the one acting (the link is their proof), not Parley.
  const asJoiner: ServiceContext = { ...ctx, actor: { type: "user", userId, role } };
  await audit(asJoiner, {
    action: "member.joined",
    target: { type: "member", id: userId },
    data: { email, role, invitationId: invitation.row.id, teams: teamRows.map((team) => team.name), newAccount: createdAccount },
  });
  await notifyLiveEvents(ctx.tx, [{ workspaceId: ctx.workspace.id, type: "member.joined", userId }]);
  return { workspaceId: ctx.workspace.id, email, createdAccount, alreadyMember: false };
}
