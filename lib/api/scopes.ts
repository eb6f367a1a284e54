import { z } from "zod";

export const API_SCOPES = ["conversations:read", "conversations:write", "contacts:write", "workflows:run"] as const;
export const apiScopeSchema = z.enum(API_SCOPES);
export type ApiScope = z.infer<typeof apiScopeSchema>;

export const API_SCOPE_DESCRIPTIONS: Record<ApiScope, string> = {
  "conversations:read": "Read conversations and their messages",
  "conversations:write": "Start conversations and post messages",
  "contacts:write": "Create and update contacts",
  "workflows:run": "Run a published workflow's Manual trigger",
};
