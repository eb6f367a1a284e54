import { z } from "zod";

/** THE rule for one contact tag, wherever one comes in (the contact's page, the API, the import). Client-safe. */
export const CONTACT_TAG_MAX_LENGTH = 64;
export const contactTagSchema = z.string().trim().min(1, "A tag can't be empty.").max(CONTACT_TAG_MAX_LENGTH, `A tag is at most ${CONTACT_TAG_MAX_LENGTH} characters.`);
