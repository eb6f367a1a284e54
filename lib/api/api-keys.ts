import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { apiKeys } from "@/lib/db/schema/platform";
import { SafeError } from "@/lib/errors";
import { audit } from "@/lib/services/audit";
import { actorUserId, type ServiceContext } from "@/lib/services/service-context";
import { generateApiKey } from "./api-key-secret";
import type { CreateApiKeyInput, RevokeApiKeyInput } from "./api-keys.validation";
import type { ApiScope } from "./scopes";

export type CreatedApiKey = { id: string; name: string; prefix: string; scopes: ApiScope[]; secret: string };

/** Creates a key and returns its secret, the only time it exists outside the caller's hands. */
export async function createApiKey(ctx: ServiceContext, input: CreateApiKeyInput): Promise<CreatedApiKey> {
  const { secret, prefix, hash } = generateApiKey();
  const scopes = [...new Set(input.scopes)];
  const [row] = await ctx.tx
    .insert(apiKeys)
    .values({ workspaceId: ctx.workspace.id, name: input.name, prefix, keyHash: hash, scopes, createdBy: actorUserId(ctx.actor) })
    .returning({ id: apiKeys.id });
  await audit(ctx, { action: "api_key.created", target: { type: "api_key", id: row!.id }, data: { name: input.name, prefix, scopes } });
  return { id: row!.id, name: input.name, prefix, scopes, secret };
}

/** Revokes a key of this workspace at once; requests with it are 401 from the next one on. */
export async function revokeApiKey(ctx: ServiceContext, input: RevokeApiKeyInput): Promise<{ revoked: true }> {
  const updated = await ctx.tx
    .update(apiKeys)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiKeys.id, input.apiKeyId), eq(apiKeys.workspaceId, ctx.workspace.id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  if (updated.length === 0) throw new SafeError("not_found", "That API key was not found, or is already revoked.");
  await audit(ctx, { action: "api_key.revoked", target: { type: "api_key", id: input.apiKeyId } });
  return { revoked: true };
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
