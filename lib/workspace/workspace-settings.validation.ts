import { z } from "zod";
import { PLANS } from "@/lib/plans/plan";

export const renameWorkspaceSchema = z.object({
  name: z.string().trim().min(1, "Give the workspace a name.").max(80, "Keep the name under 80 characters."),
});

export const setPlanSchema = z.object({ plan: z.enum(PLANS) });

export type RenameWorkspaceInput = z.infer<typeof renameWorkspaceSchema>;
export type SetPlanInput = z.infer<typeof setPlanSchema>;
