import { z } from "zod";
import { priorityEnum } from "@/lib/db/schema/enums";
import { INBOX_STATUSES, inboxFiltersSchema } from "@/lib/inbox/filters";
import { uuidSchema } from "@/lib/validation/uuid";
import { assigneeSchema } from "@/lib/workflow/assignee";

/** Rows an agent ticked one by one (a page holds at most a few dozen; the cap only bounds a request). */
export const BULK_SELECTION_MAX_IDS = 500;

// Which conversations a bulk action changes: the ticked rows, or everything the view shows in this
// status ("select all N in this view"), which the service turns into the view's own SQL predicate.
export const bulkSelectionSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("ids"), conversationIds: z.array(uuidSchema).min(1).max(BULK_SELECTION_MAX_IDS) }),
  z.strictObject({ kind: z.literal("view"), filters: inboxFiltersSchema, status: z.enum(INBOX_STATUSES) }),
]);

export const bulkChangeSchema = z.discriminatedUnion("action", [
  z.strictObject({ action: z.literal("close") }),
  z.strictObject({
    action: z.literal("snooze"),
    until: z.iso
      .datetime({ offset: true })
      .refine((value) => new Date(value).getTime() > Date.now(), "Choose a time in the future.")
      .transform((value) => new Date(value)),
  }),
  z.strictObject({ action: z.literal("priority"), priority: z.enum(priorityEnum.enumValues) }),
  z.strictObject({ action: z.literal("assign"), assignee: assigneeSchema }),
]);

export const bulkUpdateSchema = z.object({ selection: bulkSelectionSchema, change: bulkChangeSchema });

export type BulkSelection = z.infer<typeof bulkSelectionSchema>;
export type BulkChange = z.infer<typeof bulkChangeSchema>;
export type BulkUpdateInput = z.infer<typeof bulkUpdateSchema>;
