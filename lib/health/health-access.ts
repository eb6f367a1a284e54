import { and, eq } from "drizzle-orm";
import { getSessionUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { memberships } from "@/lib/db/schema/workspaces";
import { readEnv } from "@/lib/env";
import { bearerToken, sameSecret } from "@/lib/security/bearer-token";

/**
 * Who may see the health report's details (host names, process ids, the queue): a monitor with
 * PARLEY_HEALTH_TOKEN, or a signed-in owner of a workspace. Everyone else learns only up or down.
 */
export async function maySeeHealthDetails(request: Request): Promise<boolean> {
  const token = readEnv().PARLEY_HEALTH_TOKEN;
  const given = bearerToken(request.headers.get("authorization"));
  if (token && given && sameSecret(given, token)) return true;
  const user = await getSessionUser().catch(() => null);
  if (!user) return false;
  const [owner] = await getDb()
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.userId, user.id), eq(memberships.role, "owner")))
    .limit(1);
  return Boolean(owner);
}
