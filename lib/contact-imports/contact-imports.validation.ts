import { z } from "zod";
import { CONTACT_IMPORT_EXISTING_RULES, CONTACT_IMPORT_MATCH_FIELDS } from "@/lib/db/schema/contact-imports";
import { uuidSchema } from "@/lib/validation/uuid";
import { IMPORT_MAX_COLUMNS } from "./import-limits";
import { columnMappingSchema, TAG_MAX_LENGTH } from "./import-mapping";

/** How an uploaded file becomes contacts: the person's choices on the mapping page. */
export const importSettingsSchema = z.object({
  importId: uuidSchema,
  mapping: z.array(columnMappingSchema).min(1).max(IMPORT_MAX_COLUMNS),
  matchBy: z.enum(CONTACT_IMPORT_MATCH_FIELDS),
  existing: z.enum(CONTACT_IMPORT_EXISTING_RULES),
  /** Added to every contact the import creates or updates; blank for none. */
  tag: z
    .string()
    .trim()
    .max(TAG_MAX_LENGTH, `A tag is at most ${TAG_MAX_LENGTH} characters.`)
    .transform((tag) => tag || null)
    .nullable()
    .default(null),
});
export type ImportSettings = z.infer<typeof importSettingsSchema>;

export const startContactImportSchema = importSettingsSchema;
export const previewContactImportSchema = importSettingsSchema;
export const cancelContactImportSchema = z.object({ importId: uuidSchema });

/** The upload's query string (the body is the file itself). */
export const uploadContactImportQuerySchema = z.object({
  fileName: z.string().trim().min(1).max(255).default("contacts.csv"),
});
