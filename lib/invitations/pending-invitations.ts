import "server-only";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { invitations } from "@/lib/db/schema/people";
import { teams, users, type Role } from "@/lib/db/schema/workspaces";

export type PendingInvitation = {
  id: string;
  email: string;
  role: Role;
  teams: string[];
  invitedBy: string | null;
  sentAt: Date;
  expiresAt: Date;
  expired: boolean;
};

/** Invitations not yet accepted or revoked, newest first; expired ones too (they can be resent). */
export async function listPendingInvitations(workspaceId: string): Promise<PendingInvitation[]> {
  const db = getDb();
  const [rows, teamRows] = await Promise.all([
    db
      .select({
        id: invitations.id,
        email: invitations.email,
        role: invitations.role,
        teamIds: invitations.teamIds,
        invitedBy: users.name,
        sentAt: invitations.sentAt,
        expiresAt: invitations.expiresAt,
        expired: sql<boolean>`${invitations.expiresAt} <= now()`,
      })
      .from(invitations)
      .leftJoin(users, eq(users.id, invitations.invitedBy))
      .where(and(eq(invitations.workspaceId, workspaceId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .orderBy(desc(invitations.createdAt)),
    db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.workspaceId, workspaceId)),
  ]);
  const teamNames = new Map(teamRows.map((team) => [team.id, team.name]));
  return rows.map(({ teamIds, ...row }) => ({ ...row, teams: teamIds.flatMap((id) => teamNames.get(id) ?? []) }));
}
