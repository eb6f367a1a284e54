import { z } from "zod";
import { apiScopeSchema } from "../api/scopes";

export const createApiKeySchema = z.object({
  workspaceId: z.uuid(),
  name: z.string().trim().min(1, "Name the key after what uses it, e.g. “Amelia AI”.").max(80, "Keep the name under 80 characters."),
  scopes: z.array(apiScopeSchema).min(1, "Choose at least one scope.").max(10),
});

export const revokeApiKeySchema = z.object({ workspaceId: z.uuid(), apiKeyId: z.uuid() });
