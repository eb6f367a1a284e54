import { z } from "zod";

/**
 * THE schemas of a contact's custom attributes, wherever they come in (the API, imports, forms).
 * Keys are lower-case identifiers that can also be {{variables}}; names JavaScript objects carry
 * by themselves (constructor, __proto__, toString…) are refused with a message, never dropped or
 * half-stored. Numbers are kept exactly: one a JSON number cannot carry exactly (an integer beyond
 * ±9,007,199,254,740,991, which JSON.parse has already rounded) is refused; send it as text.
 * Client-safe.
 */
const RESERVED_KEYS: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

export const attributeKeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,63}$/, "Attribute keys are lower-case letters, digits and _, starting with a letter (at most 64).")
  .superRefine((key, ctx) => {
    if (RESERVED_KEYS.has(key)) ctx.addIssue({ code: "custom", message: `“${key}” can't be an attribute name: it is reserved. Choose another.` });
  });

export const attributeValueSchema = z.union([
  z.string().max(2000, "An attribute value is at most 2,000 characters."),
  z
    .number()
    .refine(Number.isFinite, "An attribute number must be finite.")
    .refine(
      (value) => !Number.isInteger(value) || Number.isSafeInteger(value),
      "This number is too large to keep exactly (beyond ±9,007,199,254,740,991): send it as text.",
    ),
  z.boolean(),
  z.null(),
]);
