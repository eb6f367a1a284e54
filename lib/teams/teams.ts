import { and, asc, eq, isNotNull, sql } from "drizzle-orm";
import { conversations } from "@/lib/db/schema/conversations";
import { invitations } from "@/lib/db/schema/people";
import { workflows, workflowVersions } from "@/lib/db/schema/workflows";
import { memberships, teamMembers, teams, users } from "@/lib/db/schema/workspaces";
import { isUniqueViolation } from "@/lib/db/pg-error";
import { notFound, SafeError } from "@/lib/errors";
import { notifyLiveEvents } from "@/lib/live/notify-live";
import { audit } from "@/lib/services/audit";
import type { ServiceContext } from "@/lib/services/service-context";
import { graphAssignsToTeam } from "@/lib/workflow/team-references";
import type { CreateTeamInput, DeleteTeamInput, RenameTeamInput, TeamMemberInput } from "./teams.validation";

// Teams are queues of the inbox (/inbox/team/<id>): owners and admins shape them (the server
// action's minimum role). Every change tells open inboxes of the workspace to refresh, so a
// renamed team is renamed there and a deleted one disappears.

const TEAM_NAME_KEY = "teams_workspace_name_key";
const nameTaken = (name: string) => new SafeError("conflict", `A team named “${name}” already exists. Choose another name.`);

const teamsChanged = (ctx: ServiceContext, type: "team.created" | "team.renamed" | "team.deleted") =>
  notifyLiveEvents(ctx.tx, [{ workspaceId: ctx.workspace.id, type }]);

async function lockTeam(ctx: ServiceContext, teamId: string) {
  const [team] = await ctx.tx
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(and(eq(teams.workspaceId, ctx.workspace.id), eq(teams.id, teamId)))
    .for("update");
  if (!team) throw notFound("That team");
  return team;
}

export async function createTeam(ctx: ServiceContext, input: CreateTeamInput): Promise<{ id: string; name: string }> {
  let id: string;
  try {
    const [row] = await ctx.tx.insert(teams).values({ workspaceId: ctx.workspace.id, name: input.name }).returning({ id: teams.id });
    id = row!.id;
  } catch (error) {
    if (isUniqueViolation(error, TEAM_NAME_KEY)) throw nameTaken(input.name);
    throw error;
  }
  await audit(ctx, { action: "team.created", target: { type: "team", id }, data: { name: input.name } });
  await teamsChanged(ctx, "team.created");
  return { id, name: input.name };
}

export async function renameTeam(ctx: ServiceContext, input: RenameTeamInput): Promise<{ id: string; name: string }> {
  const team = await lockTeam(ctx, input.teamId);
  if (team.name === input.name) return { id: team.id, name: team.name };
  try {
    await ctx.tx.update(teams).set({ name: input.name }).where(eq(teams.id, team.id));
  } catch (error) {
    if (isUniqueViolation(error, TEAM_NAME_KEY)) throw nameTaken(input.name);
    throw error;
  }
  await audit(ctx, { action: "team.renamed", target: { type: "team", id: team.id }, data: { from: team.name, to: input.name } });
  await teamsChanged(ctx, "team.renamed");
  return { id: team.id, name: input.name };
}

/**
 * The workflows whose published version (live, or paused with runs still finishing on it) sends
 * conversations to the team. Publishing reads the teams with a key-share lock, so a workflow
 * published while the team is being deleted either is seen here or finds the team gone.
 */
export async function workflowsAssigningToTeam(ctx: ServiceContext, teamId: string): Promise<{ id: string; name: string }[]> {
  const published = await ctx.tx
    .select({ id: workflows.id, name: workflows.name, graph: workflowVersions.graph })
    .from(workflows)
    .innerJoin(workflowVersions, eq(workflowVersions.id, workflows.liveVersionId))
    .where(and(eq(workflows.workspaceId, ctx.workspace.id), isNotNull(workflows.liveVersionId)))
    .orderBy(asc(workflows.name));
  return published.filter((workflow) => graphAssignsToTeam(workflow.graph, teamId)).map(({ id, name }) => ({ id, name }));
}

const listNames = (names: string[]) => (names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`);

/**
 * Deletes a team unless a published workflow assigns to it (refused, naming the workflows: the
 * engine would have nowhere to send those conversations). Its conversations move to Unassigned,
 * campaigns that would open in its queue open unassigned, and pending invitations stop offering it.
 */
export async function deleteTeam(ctx: ServiceContext, input: DeleteTeamInput): Promise<{ movedConversations: number }> {
  const team = await lockTeam(ctx, input.teamId);
  const using = await workflowsAssigningToTeam(ctx, team.id);
  if (using.length > 0) {
    const quoted = using.map((workflow) => `“${workflow.name}”`);
    throw new SafeError(
      "team_in_use",
      `${team.name} can't be deleted: the published workflow${using.length === 1 ? "" : "s"} ${listNames(quoted)} assign${using.length === 1 ? "s" : ""} conversations to it. Change ${using.length === 1 ? "that workflow" : "those workflows"} first.`,
      { workflows: using },
    );
  }
  const moved = await ctx.tx
    .update(conversations)
    .set({ assigneeTeamId: null, updatedAt: sql`now()` })
    .where(and(eq(conversations.workspaceId, ctx.workspace.id), eq(conversations.assigneeTeamId, team.id)))
    .returning({ id: conversations.id });
  await ctx.tx
    .update(conversations)
    .set({ assignOnOpen: { type: "unassigned" } })
    .where(
      and(
        eq(conversations.workspaceId, ctx.workspace.id),
        eq(conversations.state, "campaign"),
        // A team, or its round robin, chosen when the campaign started.
        sql`${conversations.assignOnOpen}->>'teamId' = ${team.id}`,
      ),
    );
  await ctx.tx
    .update(invitations)
    .set({ teamIds: sql`array_remove(${invitations.teamIds}, ${team.id}::uuid)` })
    .where(and(eq(invitations.workspaceId, ctx.workspace.id), sql`${team.id}::uuid = ANY(${invitations.teamIds})`));
  await ctx.tx.delete(teams).where(eq(teams.id, team.id));
  await audit(ctx, { action: "team.deleted", target: { type: "team", id: team.id }, data: { name: team.name, movedConversations: moved.length } });
  await teamsChanged(ctx, "team.deleted");
  return { movedConversations: moved.length };
}

async function memberName(ctx: ServiceContext, userId: string): Promise<string> {
  const [member] = await ctx.tx
    .select({ name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, ctx.workspace.id), eq(memberships.userId, userId)))
    // Held to commit: a removal of this member waits, then takes the team membership away too.
    .for("key share", { of: memberships });
  if (!member) throw notFound("That member");
  return member.name;
}

export async function addTeamMember(ctx: ServiceContext, input: TeamMemberInput): Promise<{ added: boolean }> {
  const team = await lockTeam(ctx, input.teamId);
  const name = await memberName(ctx, input.userId);
  const added = await ctx.tx.insert(teamMembers).values({ teamId: team.id, userId: input.userId }).onConflictDoNothing().returning({ userId: teamMembers.userId });
  if (added.length === 0) return { added: false };
  await audit(ctx, { action: "team.member_added", target: { type: "team", id: team.id }, data: { team: team.name, userId: input.userId, name } });
  return { added: true };
}

export async function removeTeamMember(ctx: ServiceContext, input: TeamMemberInput): Promise<{ removed: boolean }> {
  const team = await lockTeam(ctx, input.teamId);
  const removed = await ctx.tx
    .delete(teamMembers)
    .where(and(eq(teamMembers.teamId, team.id), eq(teamMembers.userId, input.userId)))
    .returning({ userId: teamMembers.userId });
  if (removed.length === 0) throw notFound("That team member");
  const [user] = await ctx.tx.select({ name: users.name }).from(users).where(eq(users.id, input.userId));
  await audit(ctx, { action: "team.member_removed", target: { type: "team", id: team.id }, data: { team: team.name, userId: input.userId, name: user?.name ?? null } });
  return { removed: true };
}
