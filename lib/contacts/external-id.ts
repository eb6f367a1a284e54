import { z } from "zod";

/**
 * THE rule for external ids (your system's id for a contact), wherever one comes in: the API's
 * path and contact references, the chat's signed identity, the "Open chat as this contact" link
 * and imports. Whitespace around an id is not part of it (trimmed, as a pasted or padded id so
 * often carries some); whitespace inside is kept. So "crm-77 " and "crm-77" name one contact.
 * Client-safe.
 */
export const EXTERNAL_ID_MAX_LENGTH = 200;

export function normalizeExternalId(value: string): string {
  return value.trim();
}

export const externalIdSchema = z
  .string()
  .transform(normalizeExternalId)
  .pipe(
    z
      .string()
      .min(1, "An external id can't be empty.")
      .max(EXTERNAL_ID_MAX_LENGTH, `An external id is at most ${EXTERNAL_ID_MAX_LENGTH} characters.`),
  );
