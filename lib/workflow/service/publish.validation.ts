import { z } from "zod";
import { uuidSchema } from "@/lib/validation/uuid";

// Inputs of publish.ts. expectedRevision: the draft revision the builder is looking at; publishing
// or restoring over a draft saved elsewhere since is refused (draft_conflict).

export const publishWorkflowSchema = z.object({ workflowId: uuidSchema, expectedRevision: z.int().min(0).optional() });
export const restoreVersionSchema = z.object({ workflowId: uuidSchema, versionId: uuidSchema, expectedRevision: z.int().min(0).optional() });

export type PublishWorkflowInput = z.infer<typeof publishWorkflowSchema>;
export type RestoreVersionInput = z.infer<typeof restoreVersionSchema>;
