import { z } from "zod";

export const setPlanSchema = z.object({ workspaceId: z.uuid(), plan: z.enum(["free", "enterprise"]) });
