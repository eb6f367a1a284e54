import { z } from "zod";
import { uuidSchema } from "@/lib/validation/uuid";

export const runManualSchema = z.object({
  workflowId: uuidSchema,
  contactIds: z.array(uuidSchema).min(1, "Choose at least one contact.").max(1_000),
  /** A test run executes the current draft (valid or refused) without publishing it. */
  test: z.boolean().default(false),
  /** Makes a repeated request (an API retry) start its runs once. */
  requestId: z.string().min(1).max(100).optional(),
});

export type RunManualInput = z.infer<typeof runManualSchema>;
