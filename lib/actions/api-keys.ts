"use server";

import { revalidatePath } from "next/cache";
import { createApiKey, revokeApiKey } from "../api/api-keys";
import { getDb } from "../db/client";
import { auditLog } from "../db/schema/platform";
import { createApiKeySchema, revokeApiKeySchema } from "./api-keys.validation";
import { workspaceAction } from "./safe-action";

/** Returns the new key's secret: the browser shows it once, the server never again. */
export const createApiKeyAction = workspaceAction({ schema: createApiKeySchema, minimumRole: "admin" }, async (input, { user, workspace }) => {
  const created = await getDb().transaction(async (tx) => {
    const key = await createApiKey(tx, { workspaceId: workspace.id, name: input.name, scopes: [...new Set(input.scopes)], createdBy: user.id });
    await tx.insert(auditLog).values({
      workspaceId: workspace.id,
      actorUserId: user.id,
      action: "api_key.created",
      targetType: "api_key",
      targetId: key.id,
      data: { name: key.name, prefix: key.prefix, scopes: key.scopes },
    });
    return key;
  });
  revalidatePath(`/${workspace.id}/settings/api-keys`);
  return created;
});

export const revokeApiKeyAction = workspaceAction({ schema: revokeApiKeySchema, minimumRole: "admin" }, async (input, { user, workspace }) => {
  await getDb().transaction(async (tx) => {
    await revokeApiKey(tx, workspace.id, input.apiKeyId);
    await tx.insert(auditLog).values({ workspaceId: workspace.id, actorUserId: user.id, action: "api_key.revoked", targetType: "api_key", targetId: input.apiKeyId });
  });
  revalidatePath(`/${workspace.id}/settings/api-keys`);
  return { revoked: true };
});
