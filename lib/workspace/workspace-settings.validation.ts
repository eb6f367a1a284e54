import { z } from "zod";
import { PLANS } from "@/lib/plans/plan";

/** A workspace's name, wherever one is given (creating, renaming, the first-run setup). */
export const workspaceNameSchema = z.string().trim().min(1, "Give the workspace a name.").max(80, "Keep the name under 80 characters.");

export const renameWorkspaceSchema = z.object({
  name: workspaceNameSchema,
});

export const setPlanSchema = z.object({ plan: z.enum(PLANS) });

export type RenameWorkspaceInput = z.infer<typeof renameWorkspaceSchema>;
export type SetPlanInput = z.infer<typeof setPlanSchema>;
