import { isHostAllowListed } from "./allowed-hosts";
import { resolveVetted } from "./resolve-destination";
import { parseUrl } from "./outbound-url";
import { SsrfRefusedError } from "./ssrf-error";

/**
 * Refuses, at save time, a URL whose host is or resolves to an address the address policy
 * forbids (unless allow-listed), with a message naming why. Every connection checks again (DNS
 * can change), so this is for an early, clear error. Null when the destination is fine.
 */
export async function checkOutboundDestination(value: string): Promise<string | null> {
  const url = parseUrl(value);
  if (!url) return "That is not a URL.";
  try {
    await resolveVetted(url.hostname, isHostAllowListed(url.hostname));
    return null;
  } catch (error) {
    if (error instanceof SsrfRefusedError) return error.message;
    return `${url.hostname} cannot be resolved. Check the host name.`;
  }
}
