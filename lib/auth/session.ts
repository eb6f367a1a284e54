import "server-only";
import { eq } from "drizzle-orm";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { getDb } from "@/lib/db/client";
import { users } from "@/lib/db/schema/workspaces";
import { unauthorized } from "@/lib/errors";
import { authOptions } from "./options";

export type SessionUser = { id: string; name: string; email: string; avatarUrl: string | null };

/** The signed-in user, re-read from the database so a deleted account loses access at once. */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (!id) return null;
  const [user] = await getDb()
    .select({ id: users.id, name: users.name, email: users.email, avatarUrl: users.avatarUrl })
    .from(users)
    .where(eq(users.id, id));
  return user ?? null;
});

export async function requireSessionUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) throw unauthorized();
  return user;
}
