import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { memberships, users } from "@/lib/db/schema/workspaces";

/** The name of a member of this workspace, or null when the user is not one (or does not exist). */
export async function findMemberName(db: DbOrTx, workspaceId: string, userId: string): Promise<string | null> {
  const [member] = await db
    .select({ name: users.name })
    .from(users)
    .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.workspaceId, workspaceId)))
    .where(eq(users.id, userId));
  return member?.name ?? null;
}
