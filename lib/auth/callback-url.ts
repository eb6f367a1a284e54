const PLACEHOLDER_ORIGIN = "http://parley.invalid";
const AUTH_PAGES = new Set(["/sign-in", "/sign-out"]);

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/**
 * Where to go after signing in. Only a path on this site is accepted; anything that could leave
 * it ("//evil.test", "/\\evil.test", "https://evil.test", "javascript:") falls back to "/", so a
 * crafted sign-in link cannot send a freshly signed-in user to another site.
 */
export function safeCallbackUrl(raw: unknown, fallback = "/"): string {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2048) return fallback;
  // Browsers treat "\" like "/" and ignore tabs/newlines in URLs, so "/\t/evil" is "//evil".
  if (!raw.startsWith("/") || raw.startsWith("//") || raw.includes("\\") || hasControlCharacter(raw)) return fallback;
  let url: URL;
  try {
    url = new URL(raw, PLACEHOLDER_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return fallback;
  // Landing back on sign-in or sign-out right after signing in would be a loop.
  if (AUTH_PAGES.has(url.pathname)) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
