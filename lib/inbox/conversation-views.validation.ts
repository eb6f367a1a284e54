import { z } from "zod";
import { uuidSchema } from "@/lib/validation/uuid";
import { inboxFiltersSchema } from "./filters";

const viewName = z.string().trim().min(1, "Give the view a name.").max(80, "Keep the name under 80 characters.");

export const createViewSchema = z.object({
  name: viewName,
  shared: z.boolean().default(false),
  filters: inboxFiltersSchema,
});

export const renameViewSchema = z.object({ viewId: uuidSchema, name: viewName });

export const updateViewSchema = z.object({
  viewId: uuidSchema,
  name: viewName.optional(),
  shared: z.boolean().optional(),
  filters: inboxFiltersSchema.optional(),
});

export const deleteViewSchema = z.object({ viewId: uuidSchema });

export type CreateViewInput = z.infer<typeof createViewSchema>;
export type RenameViewInput = z.infer<typeof renameViewSchema>;
export type UpdateViewInput = z.infer<typeof updateViewSchema>;
export type DeleteViewInput = z.infer<typeof deleteViewSchema>;
