import { z } from "zod";
import { audienceFilterSchema } from "@/lib/workflow/audience/audience-filter";

export const audiencePreviewSchema = z.object({ filter: audienceFilterSchema });

export type AudiencePreviewInput = z.infer<typeof audiencePreviewSchema>;
