import "server-only";
import { asc, eq } from "drizzle-orm";
import { ROLE_RANK } from "@/lib/auth/membership";
import { getDb } from "@/lib/db/client";
import { memberships, teamMembers, teams, users, type Role } from "@/lib/db/schema/workspaces";

export type MemberWithTeams = { id: string; name: string; email: string; avatarUrl: string | null; role: Role; joinedAt: Date; teams: { id: string; name: string }[] };

/** Everyone in the workspace with their teams, owners first, then by name (Settings › Members). */
export async function listMembersWithTeams(workspaceId: string): Promise<MemberWithTeams[]> {
  const db = getDb();
  const [members, teamRows] = await Promise.all([
    db
      .select({ id: users.id, name: users.name, email: users.email, avatarUrl: users.avatarUrl, role: memberships.role, joinedAt: memberships.createdAt })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.workspaceId, workspaceId))
      .orderBy(asc(users.name)),
    db
      .select({ userId: teamMembers.userId, id: teams.id, name: teams.name })
      .from(teamMembers)
      .innerJoin(teams, eq(teams.id, teamMembers.teamId))
      .where(eq(teams.workspaceId, workspaceId))
      .orderBy(asc(teams.name)),
  ]);
  return members
    .map((member) => ({ ...member, teams: teamRows.filter((row) => row.userId === member.id).map(({ id, name }) => ({ id, name })) }))
    .sort((a, b) => ROLE_RANK[b.role] - ROLE_RANK[a.role]);
}
