import { assertAcceptableText, decodeUtf8 } from "./text";

/** Percent-decodes one form component to bytes ("+" is a space), then to UTF-8 strictly. */
function decodeComponent(component: string, what: string): string {
  const text = component.replace(/\+/g, " ");
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === 0x25 /* % */ && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      // Not escaped: the character's own UTF-8 bytes (the raw body was already decoded strictly).
      const codePoint = text.codePointAt(i)!;
      const encoded = new TextEncoder().encode(String.fromCodePoint(codePoint));
      bytes.push(...encoded);
      if (codePoint > 0xffff) i++;
    }
  }
  return decodeUtf8(Uint8Array.from(bytes), what);
}

/**
 * An application/x-www-form-urlencoded body (a provider's webhook), decoded by the one text rule:
 * escaped bytes that are not UTF-8, NUL and unpaired surrogates are refused (400 invalid_text)
 * instead of being turned into U+FFFD as URLSearchParams would. The pairs keep their order.
 */
export function parseFormBody(raw: string): URLSearchParams {
  const params = new URLSearchParams();
  if (raw === "") return params;
  for (const pair of raw.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const name = decodeComponent(eq === -1 ? pair : pair.slice(0, eq), "A form field's name");
    const value = decodeComponent(eq === -1 ? "" : pair.slice(eq + 1), `The form field “${name}”`);
    assertAcceptableText({ [name]: value }, "The form");
    params.append(name, value);
  }
  return params;
}
