import { z } from "zod";
import type { TaskRef } from "@/lib/jobs/enqueue";
import { uuidSchema } from "@/lib/validation/uuid";

/** Writes a started import's staged rows to contacts, batch after batch, until done or cancelled. */
export const contactImportJob = {
  name: "contacts:import",
  schema: z.object({ importId: uuidSchema }),
} satisfies TaskRef<z.ZodType>;
