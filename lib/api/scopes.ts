import { z } from "zod";

export const API_SCOPES = ["conversations:read", "conversations:write", "contacts:read", "contacts:write", "contacts:delete", "workflows:run"] as const;
export const apiScopeSchema = z.enum(API_SCOPES);
export type ApiScope = z.infer<typeof apiScopeSchema>;

export const API_SCOPE_DESCRIPTIONS: Record<ApiScope, string> = {
  "conversations:read": "Read conversations and their messages",
  "conversations:write": "Start conversations and post messages",
  "contacts:read": "List and find contacts",
  "contacts:write": "Create and update contacts",
  // Apart from contacts:write: a key that syncs contacts in should not gain the power to erase people.
  "contacts:delete": "Erase contacts and everything of theirs",
  "workflows:run": "Run a published workflow's Manual trigger",
};
