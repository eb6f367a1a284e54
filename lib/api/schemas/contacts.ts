import { z } from "zod";
import { attributeKeySchema, attributeValueSchema } from "@/lib/contacts/attributes";
import { externalIdSchema } from "@/lib/contacts/external-id";
import { contactTagSchema } from "@/lib/contacts/tags";
import { uuidSchema } from "@/lib/validation/uuid";


export const upsertContactBodySchema = z
  .strictObject({
    firstName: z.string().trim().max(200).nullable().optional(),
    lastName: z.string().trim().max(200).nullable().optional(),
    email: z.email().max(320).nullable().optional(),
    phone: z.string().trim().max(40).nullable().optional().meta({ description: "Any common format; stored as E.164. An invalid number is refused." }),
    company: z.string().trim().max(200).nullable().optional(),
    attributes: z
      .record(attributeKeySchema, attributeValueSchema)
      .refine((value) => Object.keys(value).length <= 100, "At most 100 attributes.")
      .optional()
      .meta({ description: "Merged into the contact's attributes; a null value removes that attribute. An attribute defined in Settings › Contact attributes is validated by its type (number, date as YYYY-MM-DD, yes/no, one of a list) and stored typed." }),
    tags: z.array(contactTagSchema).max(50).optional().meta({ description: "Replaces the contact's tags." }),
  })
  .meta({
    id: "UpsertContactRequest",
    description: "Fields you send are set; fields you omit keep their value.",
    examples: [{ firstName: "Ada", lastName: "Lovelace", email: "ada@example.com", phone: "+14155550123", attributes: { plan: "pro" } }],
  });
export type UpsertContactBody = z.infer<typeof upsertContactBodySchema>;

export const contactResourceSchema = z
  .object({
    id: uuidSchema,
    externalId: z.string().nullable(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    company: z.string().nullable(),
    attributes: z.record(z.string(), attributeValueSchema),
    tags: z.array(z.string()),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Contact" });

/** The path's external id, by the one external id rule (trimmed). */
export const externalIdParamSchema = externalIdSchema;
