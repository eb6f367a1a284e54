import { z } from "zod";
import { uuidSchema } from "@/lib/validation/uuid";
import { contactListFilterSchema } from "./contact-list-params";

export const eraseContactSchema = z.object({ contactId: uuidSchema });

/**
 * A selection to erase: the contacts of the Contacts list's current filter. `expectedCount` is the
 * number the person confirmed; a list that changed since (more or fewer matches) is refused
 * rather than erasing people they did not see counted.
 */
export const eraseMatchingContactsSchema = z.object({
  filter: contactListFilterSchema,
  expectedCount: z.int().min(1).max(10_000_000),
});

export type EraseContactInput = z.infer<typeof eraseContactSchema>;
export type EraseMatchingContactsInput = z.infer<typeof eraseMatchingContactsSchema>;
