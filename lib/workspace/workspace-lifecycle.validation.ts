import { z } from "zod";
import { workspaceNameSchema } from "./workspace-settings.validation";

export const createWorkspaceSchema = z.object({ name: workspaceNameSchema });

/** The owner types the workspace's name to confirm; compared with the name by the service. */
export const deleteWorkspaceSchema = z.object({ confirmName: z.string().max(200) });

export type CreateWorkspaceInput = z.infer<typeof createWorkspaceSchema>;
export type DeleteWorkspaceInput = z.infer<typeof deleteWorkspaceSchema>;
