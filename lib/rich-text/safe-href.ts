// Links end up in messages delivered to contacts and in HTML rendered inside the app, so only
// schemes that cannot execute anything are allowed, and only absolute URLs (a relative URL means
// nothing in a customer's chat window or SMS).
const SAFE_PROTOCOLS = new Set(["http:", "https:", "mailto:", "tel:"]);
const SAFE_SCHEME_PREFIX = /^(?:https?|mailto|tel):/i;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

export const MAX_HREF_LENGTH = 2048;

// Whitespace and control characters are what browsers silently strip to turn "java\tscript:" into
// "javascript:", so they are refused outright rather than normalised.
function hasWhitespaceOrControl(value: string): boolean {
  if (/\s/.test(value)) return true;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

export function isSafeHref(value: unknown): value is string {
  if (typeof value !== "string") return false;
  if (value.length === 0 || value.length > MAX_HREF_LENGTH) return false;
  if (hasWhitespaceOrControl(value)) return false;
  if (!SAFE_SCHEME_PREFIX.test(value)) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (!SAFE_PROTOCOLS.has(url.protocol)) return false;
  if ((url.protocol === "http:" || url.protocol === "https:") && url.hostname === "") return false;
  if ((url.protocol === "mailto:" || url.protocol === "tel:") && url.pathname === "") return false;
  return true;
}

/**
 * Turns what a person typed into a link field into a safe href, or null. A bare "example.com"
 * becomes https://example.com and a bare address becomes mailto:, because that is what people
 * mean when they type them.
 */
export function normalizeHref(input: string): string | null {
  const trimmed = input.trim();
  if (trimmed === "") return null;
  if (HAS_SCHEME.test(trimmed) && !/^[^:/]+:\d/.test(trimmed)) {
    return isSafeHref(trimmed) ? trimmed : null;
  }
  if (/^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/.test(trimmed)) {
    const mailto = `mailto:${trimmed}`;
    return isSafeHref(mailto) ? mailto : null;
  }
  const https = `https://${trimmed}`;
  return isSafeHref(https) ? https : null;
}
