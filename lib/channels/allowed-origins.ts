import { z } from "zod";

/**
 * The websites allowed to frame a chat channel's page: CSP frame-ancestors sources, one per line
 * in settings. Each is a scheme and host (a leading "*." for any subdomain) and an optional port;
 * a path is not part of an origin and is dropped. Client-safe.
 */
export const MAX_ALLOWED_ORIGINS = 50;

const HOST = /^(\*\.)?([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** The normalised origin, or a message saying what is wrong with the line. */
export function normalizeAllowedOrigin(line: string): { origin: string } | { error: string } {
  const value = line.trim();
  if (value === "*") return { error: "Leave the list empty to allow any website; “*” is not needed." };
  const match = value.match(/^(https?):\/\/([^/?#]+)([/?#].*)?$/i);
  if (!match) return { error: `“${value}” is not a website address: write it with https://, e.g. https://www.example.com.` };
  const scheme = match[1]!.toLowerCase();
  const authority = match[2]!.toLowerCase();
  if (authority.includes("@")) return { error: `“${value}” has credentials in it; write only the address.` };
  const [, host = "", port] = authority.match(/^(.+?)(?::(\d{1,5}))?$/) ?? [];
  if (!HOST.test(host) && !/^\d{1,3}(\.\d{1,3}){3}$/.test(host) && !/^\[[0-9a-f:.]+\]$/.test(host)) {
    return { error: `“${value}” does not have a valid host name.` };
  }
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return { error: `“${value}” has an invalid port.` };
  return { origin: `${scheme}://${host}${port ? `:${port}` : ""}` };
}

/** What the settings form sends: one origin per line; blank lines ignored, duplicates kept once. */
export const allowedOriginsSchema = z
  .array(z.string().max(300, "An address is at most 300 characters."))
  .transform((lines, ctx) => {
    const origins = new Set<string>();
    for (const line of lines) {
      if (line.trim() === "") continue;
      const result = normalizeAllowedOrigin(line);
      if ("error" in result) ctx.addIssue({ code: "custom", message: result.error });
      else origins.add(result.origin);
    }
    return [...origins];
  })
  .pipe(z.array(z.string()).max(MAX_ALLOWED_ORIGINS, `At most ${MAX_ALLOWED_ORIGINS} websites.`));
