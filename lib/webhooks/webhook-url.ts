import { z } from "zod";
import { isHostAllowListed } from "./allowed-hosts";
import { resolveVetted } from "./resolve-destination";
import { SsrfRefusedError } from "./ssrf-error";

/** The shape of a webhook URL; where it points is checked by checkWebhookDestination. */
export const webhookUrlSchema = z
  .string()
  .trim()
  .min(1, "Enter the webhook URL.")
  .max(2000, "The URL is too long.")
  .refine((value) => URL.canParse(value), "Enter a full URL, e.g. https://example.com/parley/webhooks.")
  .refine((value) => /^https?:$/.test(new URL(value).protocol), "The URL must start with https:// or http://.")
  .refine((value) => {
    const url = new URL(value);
    return url.username === "" && url.password === "";
  }, "Put credentials in your receiver's signature check, not in the URL.");

/**
 * Refuses, at save time, a URL whose host resolves to an internal address. Deliveries check
 * again on every connection (DNS can change), so this is for an early, clear error.
 */
export async function checkWebhookDestination(value: string): Promise<string | null> {
  const url = new URL(value);
  try {
    await resolveVetted(url.hostname, isHostAllowListed(url.hostname));
    return null;
  } catch (error) {
    if (error instanceof SsrfRefusedError) return error.message;
    return `${url.hostname} cannot be resolved. Check the host name.`;
  }
}
