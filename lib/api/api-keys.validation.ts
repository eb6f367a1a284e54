import { z } from "zod";
import { uuidSchema } from "@/lib/validation/uuid";
import { apiScopeSchema } from "./scopes";

export const createApiKeySchema = z.object({
  name: z.string().trim().min(1, "Name the key after what uses it, e.g. “Amelia AI”.").max(80, "Keep the name under 80 characters."),
  scopes: z.array(apiScopeSchema).min(1, "Choose at least one scope.").max(10),
});

export const revokeApiKeySchema = z.object({ apiKeyId: uuidSchema });

export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;
export type RevokeApiKeyInput = z.infer<typeof revokeApiKeySchema>;
