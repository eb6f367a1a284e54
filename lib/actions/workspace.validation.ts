import { z } from "zod";

export const renameWorkspaceSchema = z.object({
  workspaceId: z.string().uuid(),
  name: z.string().trim().min(1, "Give the workspace a name.").max(80, "Keep the name under 80 characters."),
});

export type RenameWorkspaceInput = z.infer<typeof renameWorkspaceSchema>;
