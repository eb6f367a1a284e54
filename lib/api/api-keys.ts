import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { apiKeys } from "../db/schema/platform";
import { generateApiKey } from "./api-key-secret";
import { apiError } from "./api-error";
import type { ApiScope } from "./scopes";

export type CreatedApiKey = { id: string; name: string; prefix: string; scopes: ApiScope[]; secret: string };

/** Creates a key and returns its secret, the only time it exists outside the caller's hands. */
export async function createApiKey(
  db: DbOrTx,
  input: { workspaceId: string; name: string; scopes: ApiScope[]; createdBy: string | null },
): Promise<CreatedApiKey> {
  const { secret, prefix, hash } = generateApiKey();
  const [row] = await db
    .insert(apiKeys)
    .values({ workspaceId: input.workspaceId, name: input.name, prefix, keyHash: hash, scopes: input.scopes, createdBy: input.createdBy })
    .returning({ id: apiKeys.id });
  return { id: row!.id, name: input.name, prefix, scopes: input.scopes, secret };
}

/** Revokes a key of this workspace at once; requests with it are 401 from the next one on. */
export async function revokeApiKey(db: DbOrTx, workspaceId: string, apiKeyId: string): Promise<void> {
  const updated = await db
    .update(apiKeys)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiKeys.id, apiKeyId), eq(apiKeys.workspaceId, workspaceId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  if (updated.length === 0) throw apiError("not_found", "That API key was not found, or is already revoked.");
}

export async function listApiKeys(db: DbOrTx, workspaceId: string) {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      scopes: apiKeys.scopes,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
      rateLimitPerMinute: apiKeys.rateLimitPerMinute,
    })
    .from(apiKeys)
    .where(eq(apiKeys.workspaceId, workspaceId))
    .orderBy(sql`${apiKeys.revokedAt} IS NOT NULL`, desc(apiKeys.createdAt));
}
