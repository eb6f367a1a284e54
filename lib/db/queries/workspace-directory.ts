import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { channels } from "@/lib/db/schema/channels";
import { teamRoundRobin } from "@/lib/db/schema/round-robin";
import { workflows } from "@/lib/db/schema/workflows";
import { teams } from "@/lib/db/schema/workspaces";

/** Names the inbox needs for menus and filters; each list is the workspace's own. roundRobin: automatic assignment on (only then is "Team (round robin)" offered). */
export async function listTeams(workspaceId: string) {
  return getDb()
    .select({ id: teams.id, name: teams.name, roundRobin: sql<boolean>`coalesce(${teamRoundRobin.enabled}, false)` })
    .from(teams)
    .leftJoin(teamRoundRobin, eq(teamRoundRobin.teamId, teams.id))
    .where(eq(teams.workspaceId, workspaceId))
    .orderBy(asc(teams.name));
}

export async function findTeam(workspaceId: string, teamId: string) {
  const [team] = await getDb()
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(and(eq(teams.workspaceId, workspaceId), eq(teams.id, teamId)));
  return team ?? null;
}

export async function listWorkflowNames(workspaceId: string) {
  return getDb()
    .select({ id: workflows.id, name: workflows.name })
    .from(workflows)
    .where(eq(workflows.workspaceId, workspaceId))
    .orderBy(asc(workflows.name));
}

export async function listChannels(workspaceId: string) {
  return getDb()
    .select({ id: channels.id, name: channels.name, kind: channels.kind, isDefault: channels.isDefault, createdAt: channels.createdAt })
    .from(channels)
    .where(eq(channels.workspaceId, workspaceId))
    .orderBy(asc(channels.kind), asc(channels.name), asc(channels.createdAt));
}
