import { z } from "zod";
import { runStatusEnum } from "@/lib/db/schema/enums";
import { uuidSchema } from "@/lib/validation/uuid";

/** The run history's query string: filters by status and by the step a run failed at or is at. */
export const listRunsQuery = z.object({
  status: z.enum(runStatusEnum.enumValues).optional(),
  nodeId: z.string().min(1).max(200).optional(),
  cursor: uuidSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export type ListRunsQuery = z.infer<typeof listRunsQuery>;
