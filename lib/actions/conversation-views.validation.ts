import { z } from "zod";
import { inboxFiltersSchema } from "@/lib/inbox/filters";

const viewName = z.string().trim().min(1, "Give the view a name.").max(80, "Keep the name under 80 characters.");

export const createViewSchema = z.object({
  name: viewName,
  shared: z.boolean().default(false),
  filters: inboxFiltersSchema,
});

export const renameViewSchema = z.object({ viewId: z.string().uuid(), name: viewName });

export const updateViewSchema = z.object({
  viewId: z.string().uuid(),
  name: viewName.optional(),
  shared: z.boolean().optional(),
  filters: inboxFiltersSchema.optional(),
});

export const deleteViewSchema = z.object({ viewId: z.string().uuid() });

export type CreateViewInput = z.input<typeof createViewSchema>;
export type UpdateViewInput = z.input<typeof updateViewSchema>;
