import { z } from "zod";
import { uuidSchema } from "@/lib/validation/uuid";
import { CONTACT_ATTRIBUTE_TYPES } from "./attribute-types";
import { attributeKeySchema } from "./attributes";

export const MAX_LIST_OPTIONS = 100;

const labelSchema = z.string().trim().min(1, "Give the attribute a label.").max(80, "Keep the label under 80 characters.");

/** A list's options: trimmed, none blank, no two alike ignoring case (a value matches an option ignoring case). */
export const attributeOptionsSchema = z
  .array(z.string().trim().min(1, "An option can't be blank.").max(100, "Keep each option under 100 characters."))
  .max(MAX_LIST_OPTIONS, `A list has at most ${MAX_LIST_OPTIONS} options.`)
  .superRefine((options, ctx) => {
    const seen = new Set<string>();
    for (const option of options) {
      const folded = option.toLowerCase();
      if (seen.has(folded)) ctx.addIssue({ code: "custom", message: `“${option}” is listed twice.` });
      seen.add(folded);
    }
  });

export const createAttributeDefinitionSchema = z
  .object({
    key: attributeKeySchema,
    label: labelSchema,
    type: z.enum(CONTACT_ATTRIBUTE_TYPES),
    options: attributeOptionsSchema.optional(),
  })
  .superRefine((input, ctx) => {
    if (input.type === "list" && (input.options ?? []).length === 0) {
      ctx.addIssue({ code: "custom", path: ["options"], message: "A list attribute needs at least one option." });
    }
    if (input.type !== "list" && (input.options ?? []).length > 0) {
      ctx.addIssue({ code: "custom", path: ["options"], message: "Only a list attribute has options." });
    }
  });

/** The type and key stay as defined: values already stored were validated against them. */
export const updateAttributeDefinitionSchema = z.object({
  definitionId: uuidSchema,
  label: labelSchema,
  options: attributeOptionsSchema.optional(),
});

export const deleteAttributeDefinitionSchema = z.object({ definitionId: uuidSchema });

export type CreateAttributeDefinitionInput = z.infer<typeof createAttributeDefinitionSchema>;
export type UpdateAttributeDefinitionInput = z.infer<typeof updateAttributeDefinitionSchema>;
export type DeleteAttributeDefinitionInput = z.infer<typeof deleteAttributeDefinitionSchema>;
