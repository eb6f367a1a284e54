import { z } from "zod";
import { uuidSchema } from "@/lib/validation/uuid";
import { attributeKeySchema } from "./attributes";

/** Whose value a field of the merged contact keeps. */
export const mergeSideSchema = z.enum(["survivor", "merged"]);
export type MergeSide = z.infer<typeof mergeSideSchema>;

export const MERGE_FIELDS = ["firstName", "lastName", "email", "phone", "company", "externalId"] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

/**
 * Two contacts of one person become `survivorId`. A field or attribute not chosen keeps the
 * survivor's value, or the merged contact's where the survivor has none.
 */
export const mergeContactsSchema = z
  .object({
    survivorId: uuidSchema,
    mergedId: uuidSchema,
    fields: z.partialRecord(z.enum(MERGE_FIELDS), mergeSideSchema).default({}),
    attributes: z.record(attributeKeySchema, mergeSideSchema).default({}),
  })
  .refine((input) => input.survivorId !== input.mergedId, { message: "Choose two different contacts.", path: ["mergedId"] });

export type MergeContactsInput = z.infer<typeof mergeContactsSchema>;
