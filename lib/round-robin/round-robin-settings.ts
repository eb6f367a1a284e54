import { and, eq, isNotNull } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { agentAvailability, teamRoundRobin } from "@/lib/db/schema/round-robin";
import { memberships, teams } from "@/lib/db/schema/workspaces";
import { notFound } from "@/lib/errors";
import { audit } from "@/lib/services/audit";
import { actorUserId, type ServiceContext } from "@/lib/services/service-context";
import { touchAgentActivity } from "@/lib/live/agent-activity";
import { requestRoundRobinDrain } from "./round-robin-drain-task";
import type { AgentCapInput, SetAvailabilityInput, TeamRoundRobinInput } from "./round-robin.validation";

/** The agent sets themselves Available or Away; becoming Available may give them waiting conversations at once. */
export async function setAvailability(ctx: ServiceContext, input: SetAvailabilityInput): Promise<{ status: SetAvailabilityInput["status"] }> {
  const userId = actorUserId(ctx.actor);
  if (!userId) throw notFound("That agent");
  await ctx.tx
    .insert(agentAvailability)
    .values({ workspaceId: ctx.workspace.id, userId, status: input.status })
    .onConflictDoUpdate({ target: [agentAvailability.workspaceId, agentAvailability.userId], set: { status: input.status } });
  // Choosing a status is being in the app: counted in the one record of activity.
  await touchAgentActivity(ctx.tx, userId);
  if (input.status === "available") await requestRoundRobinDrain(ctx);
  return { status: input.status };
}

/**
 * The agent opened the app on this workspace (their live stream connected): someone seen for the
 * first time starts Available. Their activity itself is recorded apart (lib/live/agent-activity),
 * once for every workspace.
 */
export async function joinRoundRobin(ctx: ServiceContext): Promise<void> {
  const userId = actorUserId(ctx.actor);
  if (!userId) return;
  const created = await ctx.tx
    .insert(agentAvailability)
    .values({ workspaceId: ctx.workspace.id, userId })
    .onConflictDoNothing()
    .returning({ userId: agentAvailability.userId });
  if (created.length > 0) await requestRoundRobinDrain(ctx);
}

/** Turns a team's automatic assignment on or off and sets its default cap (owners and admins). */
export async function setTeamRoundRobin(ctx: ServiceContext, input: TeamRoundRobinInput): Promise<TeamRoundRobinInput> {
  const [team] = await ctx.tx.select({ id: teams.id }).from(teams).where(and(eq(teams.id, input.teamId), eq(teams.workspaceId, ctx.workspace.id)));
  if (!team) throw notFound("That team");
  const [before] = await ctx.tx.select({ enabled: teamRoundRobin.enabled, maxOpen: teamRoundRobin.maxOpen }).from(teamRoundRobin).where(eq(teamRoundRobin.teamId, team.id)).for("update");
  await ctx.tx
    .insert(teamRoundRobin)
    .values({ teamId: team.id, workspaceId: ctx.workspace.id, enabled: input.enabled, maxOpen: input.maxOpen })
    .onConflictDoUpdate({ target: teamRoundRobin.teamId, set: { enabled: input.enabled, maxOpen: input.maxOpen } });
  await audit(ctx, {
    action: "team.round_robin_changed",
    target: { type: "team", id: team.id },
    data: { from: before ?? { enabled: false, maxOpen: null }, to: { enabled: input.enabled, maxOpen: input.maxOpen } },
  });
  if (input.enabled) await requestRoundRobinDrain(ctx);
  return input;
}

/** Sets an agent's own cap of open conversations (null: their teams' default). */
export async function setAgentCap(ctx: ServiceContext, input: AgentCapInput): Promise<AgentCapInput> {
  const [member] = await ctx.tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, ctx.workspace.id), eq(memberships.userId, input.userId)));
  if (!member) throw notFound("That agent");
  const [before] = await ctx.tx
    .select({ maxOpen: agentAvailability.maxOpen })
    .from(agentAvailability)
    .where(and(eq(agentAvailability.workspaceId, ctx.workspace.id), eq(agentAvailability.userId, input.userId)))
    .for("update");
  await ctx.tx
    .insert(agentAvailability)
    .values({ workspaceId: ctx.workspace.id, userId: input.userId, status: "away", maxOpen: input.maxOpen })
    .onConflictDoUpdate({ target: [agentAvailability.workspaceId, agentAvailability.userId], set: { maxOpen: input.maxOpen } });
  await audit(ctx, { action: "member.assignment_cap_changed", target: { type: "member", id: input.userId }, data: { from: before?.maxOpen ?? null, to: input.maxOpen } });
  await requestRoundRobinDrain(ctx);
  return input;
}

/** The acting agent's availability as the account menu shows it. */
export async function readAvailability(db: DbOrTx, workspaceId: string, userId: string): Promise<"available" | "away"> {
  const [row] = await db
    .select({ status: agentAvailability.status })
    .from(agentAvailability)
    .where(and(eq(agentAvailability.workspaceId, workspaceId), eq(agentAvailability.userId, userId)));
  return row?.status ?? "away";
}

/** Each agent's own cap of open conversations (agents without one: absent, their teams' default). */
export async function listAgentCaps(db: DbOrTx, workspaceId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ userId: agentAvailability.userId, maxOpen: agentAvailability.maxOpen })
    .from(agentAvailability)
    .where(and(eq(agentAvailability.workspaceId, workspaceId), isNotNull(agentAvailability.maxOpen)));
  return new Map(rows.map((row) => [row.userId, row.maxOpen!]));
}

/** Each team's automatic assignment (teams without a row: off, default cap). */
export async function listTeamRoundRobin(db: DbOrTx, workspaceId: string): Promise<Map<string, { enabled: boolean; maxOpen: number }>> {
  const rows = await db
    .select({ teamId: teamRoundRobin.teamId, enabled: teamRoundRobin.enabled, maxOpen: teamRoundRobin.maxOpen })
    .from(teamRoundRobin)
    .where(eq(teamRoundRobin.workspaceId, workspaceId));
  return new Map(rows.map((row) => [row.teamId, { enabled: row.enabled, maxOpen: row.maxOpen }]));
}
