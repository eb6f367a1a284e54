import { timingSafeEqual } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { getSessionUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { memberships } from "@/lib/db/schema/workspaces";
import { readEnv } from "@/lib/env";

function bearer(request: Request): string | null {
  return request.headers.get("authorization")?.match(/^Bearer\s+(\S+)\s*$/i)?.[1] ?? null;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Who may see the health report's details (host names, process ids, the queue): a monitor with
 * PARLEY_HEALTH_TOKEN, or a signed-in owner of a workspace. Everyone else learns only up or down.
 */
export async function maySeeHealthDetails(request: Request): Promise<boolean> {
  const token = readEnv().PARLEY_HEALTH_TOKEN;
  const given = bearer(request);
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
