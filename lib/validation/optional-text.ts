import { z } from "zod";

/**
 * THE rule for optional identifiers and references (a customer identifier, an external
 * reference, a destination): surrounding whitespace is trimmed, and what is left blank is the
 * same as not sending the field at all, never stored as an empty string.
 */
export function optionalText(max: number) {
  return z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .transform((value) => (value === "" ? undefined : value))
    .optional();
}
