import { z } from "zod";
import { uuidSchema } from "@/lib/validation/uuid";
import { CONSENT_KINDS, CONSENT_STATUSES } from "./consent-status";

export const consentKindSchema = z.enum(CONSENT_KINDS);
export const consentStatusSchema = z.enum(CONSENT_STATUSES);

/** The contact's page (and the API, the import): one kind's consent set to one status. */
export const setContactConsentSchema = z.object({
  contactId: uuidSchema,
  kind: consentKindSchema,
  status: consentStatusSchema,
});
export type SetContactConsentInput = z.infer<typeof setContactConsentSchema>;

/** Consent per kind as the API and the import take it: any kinds, each one status. */
export const consentMapSchema = z.partialRecord(consentKindSchema, consentStatusSchema);
export type ConsentMap = z.infer<typeof consentMapSchema>;
