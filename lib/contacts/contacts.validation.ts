import { z } from "zod";
import { uuidSchema } from "@/lib/validation/uuid";
import { attributeKeySchema } from "./attributes";
import { externalIdSchema } from "./external-id";
import { contactTagSchema } from "./tags";

/** A form's text field: trimmed, and blank means "no value" (null). */
const optionalText = (max: number, tooLong: string) =>
  z
    .string()
    .trim()
    .max(max, tooLong)
    .transform((value) => value || null)
    .nullable()
    .optional();

/**
 * A contact as the Contacts page edits it (New contact, the contact's page). Attributes arrive as
 * the controls send them (text, or true/false) and are typed by their definitions in the service;
 * a null or blank value removes the attribute.
 */
const contactFields = {
  firstName: optionalText(200, "Keep the first name under 200 characters."),
  lastName: optionalText(200, "Keep the last name under 200 characters."),
  company: optionalText(200, "Keep the company under 200 characters."),
  email: z
    .string()
    .trim()
    .max(320, "Keep the email under 320 characters.")
    .transform((value) => value || null)
    .pipe(z.email("Enter an email address, like ada@example.com.").nullable())
    .nullable()
    .optional(),
  phone: optionalText(40, "Keep the phone number under 40 characters."),
  externalId: z
    .string()
    .transform((value) => value.trim() || null)
    .pipe(externalIdSchema.nullable())
    .nullable()
    .optional(),
  attributes: z
    .record(attributeKeySchema, z.union([z.string().max(2000, "An attribute value is at most 2,000 characters."), z.number(), z.boolean(), z.null()]))
    .refine((value) => Object.keys(value).length <= 100, "At most 100 attributes.")
    .optional(),
  tags: z.array(contactTagSchema).max(50, "At most 50 tags.").optional(),
};

export const createContactSchema = z.object(contactFields);
export const updateContactSchema = z.object({ contactId: uuidSchema, ...contactFields });
export const contactTagInputSchema = z.object({ contactId: uuidSchema, tag: contactTagSchema });

export type CreateContactInput = z.infer<typeof createContactSchema>;
export type UpdateContactInput = z.infer<typeof updateContactSchema>;
export type ContactTagInput = z.infer<typeof contactTagInputSchema>;
