"use server";

import { revalidatePath } from "next/cache";
import { createApiKey, revokeApiKey } from "@/lib/api/api-keys";
import { createApiKeySchema, revokeApiKeySchema } from "@/lib/api/api-keys.validation";
import { workspaceAction } from "./safe-action";

const refreshKeys = (workspaceId: string) => revalidatePath(`/${workspaceId}/settings/api-keys`);

/** Returns the new key's secret: the browser shows it once, the server never again. */
export const createApiKeyAction = workspaceAction({ schema: createApiKeySchema, minimumRole: "admin", revalidate: refreshKeys }, createApiKey);

export const revokeApiKeyAction = workspaceAction({ schema: revokeApiKeySchema, minimumRole: "admin", revalidate: refreshKeys }, revokeApiKey);
