import { z } from "zod";
import { PLANS } from "../plans/plan";

export const setPlanSchema = z.object({ workspaceId: z.uuid(), plan: z.enum(PLANS) });
