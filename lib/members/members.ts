import { and, eq, inArray, sql } from "drizzle-orm";
import { conversations } from "@/lib/db/schema/conversations";
import { memberships, teamMembers, teams, users, type Role } from "@/lib/db/schema/workspaces";
import { forbidden, notFound, SafeError } from "@/lib/errors";
import { notifyLiveEvents } from "@/lib/live/notify-live";
import { audit } from "@/lib/services/audit";
import type { ServiceContext } from "@/lib/services/service-context";
import { canChangeRole, canManageMember } from "./member-permissions";
import { countOwners, lockMemberships, requireActingRole } from "./membership-lock";
import type { ChangeMemberRoleInput, RemoveMemberInput } from "./members.validation";
import { ROLE_IN_SENTENCE } from "./role-labels";


async function memberOf(ctx: ServiceContext, userId: string) {
  const [member] = await ctx.tx
    .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, ctx.workspace.id), eq(memberships.userId, userId)));
  if (!member) throw notFound("That member");
  return member;
}

const lastOwner = (what: string) =>
  new SafeError("last_owner", `${what}: the workspace would have no owner left. Make someone else an owner first.`);

/**
 * Owners change any role; admins change none (they manage agents, and an agent can only stay an
 * agent). The last owner stays an owner: the membership lock makes two simultaneous demotions run
 * one after the other, so the second sees the first and is refused.
 */
export async function changeMemberRole(ctx: ServiceContext, input: ChangeMemberRoleInput): Promise<{ role: Role }> {
  const actorRole = requireActingRole((await lockMemberships(ctx)).actorRole);
  const member = await memberOf(ctx, input.userId);
  if (!canChangeRole(actorRole, member.role, input.role)) {
    throw forbidden(actorRole === "admin" ? "Admins manage agents but cannot change roles. Ask an owner." : "Only owners can change roles.");
  }
  if (member.role === input.role) return { role: member.role };
  if (member.role === "owner" && (await countOwners(ctx)) <= 1) throw lastOwner(`${member.name} is the only owner`);
  await ctx.tx
    .update(memberships)
    .set({ role: input.role })
    .where(and(eq(memberships.workspaceId, ctx.workspace.id), eq(memberships.userId, member.userId)));
  await audit(ctx, {
    action: "member.role_changed",
    target: { type: "member", id: member.userId },
    data: { name: member.name, email: member.email, from: member.role, to: input.role },
  });
  return { role: input.role };
}

/**
 * Ends a person's access to the workspace at once: the membership and their team memberships go
 * (every request re-reads the membership), and their open live streams are told to re-check
 * (member.removed). Their open, snoozed and not-yet-opened conversations become unassigned: a
 * conversation with a team stays in that team's queue, one without goes to the queue of the
 * person's team when they were in exactly one, else to Unassigned. Closed ones keep their
 * history, and what they wrote keeps their name (messages store it).
 */
export async function removeMember(ctx: ServiceContext, input: RemoveMemberInput): Promise<{ unassigned: number }> {
  const actorRole = requireActingRole((await lockMemberships(ctx)).actorRole);
  const member = await memberOf(ctx, input.userId);
  if (!canManageMember(actorRole, member.role)) {
    throw forbidden(actorRole === "admin" ? `Admins can remove agents only; ${member.name} is ${ROLE_IN_SENTENCE[member.role]}.` : "Only owners and admins can remove members.");
  }
  if (member.role === "owner" && (await countOwners(ctx)) <= 1) throw lastOwner(`${member.name} can't be removed`);

  // The membership goes first: adding someone to a team or assigning them a conversation holds a
  // key-share lock on their membership row, so this waits for any such change in flight, and the
  // statements below see (and undo) what it wrote.
  await ctx.tx.delete(memberships).where(and(eq(memberships.workspaceId, ctx.workspace.id), eq(memberships.userId, member.userId)));
  const workspaceTeams = ctx.tx.select({ id: teams.id }).from(teams).where(eq(teams.workspaceId, ctx.workspace.id));
  const theirTeams = await ctx.tx
    .delete(teamMembers)
    .where(and(eq(teamMembers.userId, member.userId), inArray(teamMembers.teamId, workspaceTeams)))
    .returning({ teamId: teamMembers.teamId });
  const soleTeamId = theirTeams.length === 1 ? theirTeams[0]!.teamId : null;

  const unassigned = await ctx.tx
    .update(conversations)
    .set({ assigneeUserId: null, assigneeTeamId: sql`coalesce(${conversations.assigneeTeamId}, ${soleTeamId}::uuid)`, updatedAt: sql`now()` })
    .where(and(eq(conversations.workspaceId, ctx.workspace.id), eq(conversations.assigneeUserId, member.userId), inArray(conversations.state, ["open", "snoozed"])))
    .returning({ id: conversations.id });
  // Campaigns that would open assigned to them open in the same queue instead.
  await ctx.tx
    .update(conversations)
    .set({ assignOnOpen: soleTeamId ? { type: "team", teamId: soleTeamId } : { type: "unassigned" } })
    .where(
      and(
        eq(conversations.workspaceId, ctx.workspace.id),
        eq(conversations.state, "campaign"),
        sql`${conversations.assignOnOpen} @> ${JSON.stringify({ type: "user", userId: member.userId })}::jsonb`,
      ),
    );

  await notifyLiveEvents(ctx.tx, [{ workspaceId: ctx.workspace.id, type: "member.removed", userId: member.userId }]);
  await audit(ctx, {
    action: "member.removed",
    target: { type: "member", id: member.userId },
    data: { name: member.name, email: member.email, role: member.role, unassignedConversations: unassigned.length },
  });
  return { unassigned: unassigned.length };
}
