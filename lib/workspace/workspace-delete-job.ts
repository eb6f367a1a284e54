import { z } from "zod";
import type { TaskRef } from "@/lib/jobs/enqueue";
import { uuidSchema } from "@/lib/validation/uuid";

/** The job that removes a workspace whose deletion has started (lib/workspace/workspace-delete-task.ts runs it). */
export const workspaceDeleteJob = { name: "workspace-delete", schema: z.object({ workspaceId: uuidSchema }) } satisfies TaskRef<z.ZodType>;
