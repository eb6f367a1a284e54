import { z } from "zod";
import { consentKindSchema, consentStatusSchema } from "@/lib/consent/contact-consent.validation";
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
    consent: z
      .partialRecord(consentKindSchema, consentStatusSchema)
      .optional()
      .meta({
        description:
          "Consent per channel kind to set; kinds you omit keep theirs. `unsubscribed`: workflows and the API start no conversation to the contact on that kind (answers to a contact who wrote still go). `bouncing`: the contact's email address or phone number is put on the kind's suppression list (refused for chat, or without an address). `subscribed`: clears both.",
        examples: [{ sms: "unsubscribed" }],
      }),
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
    consent: z
      .object({ chat: consentStatusSchema, sms: consentStatusSchema, email: consentStatusSchema })
      .meta({ description: "Per channel kind: `subscribed`, `unsubscribed` (the contact's choice: by STOP, an unsubscribe link, an agent, this API or an import) or `bouncing` (their address is on the kind's suppression list)." }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Contact" });

/** The path's external id, by the one external id rule (trimmed). */
export const externalIdParamSchema = externalIdSchema;

export const CONTACT_LIST_MAX_LIMIT = 200;

/** GET /contacts: every filter given must hold; pages follow (updatedAt, id), oldest change first. */
export const listContactsQuerySchema = z
  .strictObject({
    email: z.email().max(320).optional().meta({ description: "Exactly this email (case-insensitive)." }),
    phone: z.string().trim().min(3).max(40).optional().meta({ description: "This phone number, in any format (compared as E.164)." }),
    externalId: externalIdSchema.optional().meta({ description: "Your id for the contact; also the id of a contact since merged into this one." }),
    tag: z.string().trim().min(1).max(64).optional().meta({ description: "Contacts carrying this tag." }),
    updatedSince: z.iso.datetime({ offset: true }).optional().meta({ description: "Contacts created or changed at or after this instant (ISO 8601)." }),
    cursor: z.string().min(1).max(200).optional().meta({ description: "The `nextCursor` of the previous page." }),
    limit: z.coerce.number().int().min(1).max(CONTACT_LIST_MAX_LIMIT).default(50).meta({ description: `Contacts per page, 1 to ${CONTACT_LIST_MAX_LIMIT}.` }),
  });
export type ListContactsQuery = z.infer<typeof listContactsQuerySchema>;

export const contactListResourceSchema = z
  .object({
    contacts: z.array(contactResourceSchema),
    nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last page." }),
  })
  .meta({
    id: "ContactList",
    description:
      "A page of contacts in a stable order: by when they last changed, then by id. Paging to the end and later asking again with updatedSince (or with the last cursor) picks up what changed since; a contact changed while you page moves to a later page.",
  });

export const erasedContactResourceSchema = z
  .object({ erased: z.object({ id: uuidSchema, externalId: z.string().nullable() }) })
  .meta({ id: "ErasedContact", description: "The contact that was erased, with everything that was theirs." });
