import { z } from "zod";
import type { TaskRef } from "@/lib/jobs/enqueue";
import { uuidSchema } from "@/lib/validation/uuid";

/** The job that erases the contacts a large erasure took (lib/contacts/contact-erase-task.ts runs it). */
export const contactEraseJob = {
  name: "contact-erase",
  schema: z.object({ workspaceId: uuidSchema, erasureId: uuidSchema }),
} satisfies TaskRef<z.ZodType>;
