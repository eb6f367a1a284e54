import { z } from "zod";

// Client-safe: the shape of a URL Parley will call. Where it points is lib/net/destination-url.ts.

/** The URL as WHATWG parses it, or null: nothing here throws on what a person typed. */
export function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/**
 * The shape of a URL Parley will call (a webhook receiver, an SMS provider's API): a full http(s)
 * URL without credentials. Where it points is checked by checkOutboundDestination. `example`
 * shows the person what a right one looks like.
 */
export function outboundUrlSchema(example: string) {
  return z
    .string()
    .trim()
    .min(1, "Enter the URL.")
    .max(2000, "The URL is too long.")
    .superRefine((value, ctx) => {
      const url = parseUrl(value);
      if (!url) return void ctx.addIssue({ code: "custom", message: `Enter a full URL, e.g. ${example}.` });
      if (url.protocol !== "https:" && url.protocol !== "http:") {
        return void ctx.addIssue({ code: "custom", message: "The URL must start with https:// or http://." });
      }
      if (url.hostname === "") return void ctx.addIssue({ code: "custom", message: `The URL has no host, e.g. ${example}.` });
      if (url.username !== "" || url.password !== "") {
        ctx.addIssue({ code: "custom", message: "Put credentials in the receiver's own settings, not in the URL." });
      }
    });
}

