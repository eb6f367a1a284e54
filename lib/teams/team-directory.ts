import "server-only";
import { asc, eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { teamMembers, teams, users } from "@/lib/db/schema/workspaces";

export type TeamWithMembers = { id: string; name: string; members: { id: string; name: string; avatarUrl: string | null }[] };

/** The workspace's teams with their members, by name (Settings › Teams). */
export async function listTeamsWithMembers(workspaceId: string): Promise<TeamWithMembers[]> {
  const db = getDb();
  const [teamRows, memberRows] = await Promise.all([
    db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.workspaceId, workspaceId)).orderBy(asc(teams.name)),
    db
      .select({ teamId: teamMembers.teamId, id: users.id, name: users.name, avatarUrl: users.avatarUrl })
      .from(teamMembers)
      .innerJoin(teams, eq(teams.id, teamMembers.teamId))
      .innerJoin(users, eq(users.id, teamMembers.userId))
      .where(eq(teams.workspaceId, workspaceId))
      .orderBy(asc(users.name)),
  ]);
  return teamRows.map((team) => ({ ...team, members: memberRows.filter((row) => row.teamId === team.id).map(({ id, name, avatarUrl }) => ({ id, name, avatarUrl })) }));
}
