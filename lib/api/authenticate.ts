import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { apiKeys } from "@/lib/db/schema/platform";
import { workspaces, type Workspace } from "@/lib/db/schema/workspaces";
import { workspaceIsLive } from "@/lib/workspace/live-workspace";
import { hashApiKey, looksLikeApiKey } from "./api-key-secret";
import { SafeError } from "@/lib/errors";
import type { ApiScope } from "./scopes";

export type ApiCaller = {
  apiKeyId: string;
  apiKeyName: string;
  workspaceId: string;
  plan: Workspace["plan"];
  scopes: readonly string[];
  rateLimitPerMinute: number;
};

function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1] ?? null;
}

/**
 * The workspace an API request acts for. No key, an unknown key and a revoked key are all 401
 * (the message says which, since the caller already holds the key); a key without the scope the
 * endpoint needs is 403. Every query the endpoint then runs is scoped by the returned workspace.
 */
export async function authenticateApiRequest(request: Request, scope: ApiScope): Promise<ApiCaller> {
  const token = bearerToken(request);
  if (!token) throw new SafeError("unauthorized", "Send your API key as “Authorization: Bearer <key>”.");
  if (!looksLikeApiKey(token)) throw new SafeError("unauthorized", "That API key is not valid.");

  const db = getDb();
  const [row] = await db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      workspaceId: apiKeys.workspaceId,
      scopes: apiKeys.scopes,
      revokedAt: apiKeys.revokedAt,
      rateLimitPerMinute: apiKeys.rateLimitPerMinute,
      plan: workspaces.plan,
    })
    .from(apiKeys)
    .innerJoin(workspaces, and(eq(workspaces.id, apiKeys.workspaceId), workspaceIsLive()))
    .where(eq(apiKeys.keyHash, hashApiKey(token)));
  if (!row) throw new SafeError("unauthorized", "That API key is not valid.");
  if (row.revokedAt) throw new SafeError("unauthorized", "That API key has been revoked.");
  if (!row.scopes.includes(scope)) {
    throw new SafeError("insufficient_scope", `This API key lacks the “${scope}” scope.`, { requiredScope: scope });
  }

  // At most one write a minute per key: "last used" is for people, not an audit trail.
  await db
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(apiKeys.id, row.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - interval '1 minute'`))));

  return { apiKeyId: row.id, apiKeyName: row.name, workspaceId: row.workspaceId, plan: row.plan, scopes: row.scopes, rateLimitPerMinute: row.rateLimitPerMinute };
}
