import { z } from "zod";

/**
 * THE fields of a person's account, wherever one is created or changed (first-run setup, an
 * accepted invitation, the profile, sign-in and password reset): one name rule, one address rule.
 * Client-safe.
 */
export const personNameSchema = z.string().trim().min(1, "Enter your name.").max(80, "Keep your name under 80 characters.");

/** An address as Parley keeps it: trimmed and lower-cased (sign-in compares it that way). */
export const emailAddressSchema = z.string().trim().toLowerCase().max(320, "That email address is too long.").pipe(z.email("Enter an email address like name@example.com."));
