import "server-only";
import { eq } from "drizzle-orm";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { getDb } from "@/lib/db/client";
import { users } from "@/lib/db/schema/workspaces";
import { unauthorized } from "@/lib/errors";
import { authOptions } from "./options";

export type SessionUser = { id: string; name: string; email: string; avatarUrl: string | null };

/**
 * The signed-in user, re-read from the database so a deleted account loses access at once, and a
 * session signed before the password last changed (an older session version) is no session.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (!id) return null;
  const [user] = await getDb()
    .select({ id: users.id, name: users.name, email: users.email, avatarUrl: users.avatarUrl, sessionVersion: users.sessionVersion })
    .from(users)
    .where(eq(users.id, id));
  if (!user || user.sessionVersion !== (session.sessionVersion ?? 0)) return null;
  const { sessionVersion: _version, ...signedIn } = user;
  return signedIn;
});

export async function requireSessionUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) throw unauthorized();
  return user;
}
