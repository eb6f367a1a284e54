import { Parser } from "htmlparser2";
import { escapeHtml } from "@/lib/rich-text/html-serializer";
import { isSafeHref } from "@/lib/rich-text/safe-href";

// Elements dropped with everything inside them: code, styles, embedded documents, forms, and the
// document head (a mail's <title>, <meta> and <style> are not its content).
const DROPPED_WITH_CONTENT = new Set([
  "script", "style", "head", "title", "template", "noscript", "iframe", "frame", "frameset", "object", "embed", "applet",
  "svg", "math", "form", "input", "button", "select", "textarea", "option", "link", "meta", "base", "video", "audio", "source", "track", "canvas", "portal",
]);

const TABLE_CELL = ["colspan", "rowspan", "align", "valign", "width"];
// What a mail's layout uses, and nothing that loads, runs or submits anything. Attributes not
// listed are dropped (every on* handler among them); an element not listed is unwrapped: its
// content stays, its tag goes.
const ALLOWED: Record<string, readonly string[]> = {
  a: ["href", "title"],
  b: [], i: [], u: [], s: [], em: [], strong: [], small: [], sub: [], sup: [], code: [], pre: [], kbd: [], mark: [],
  p: ["align"], div: ["align"], span: [], br: [], hr: [], blockquote: [],
  h1: [], h2: [], h3: [], h4: [], h5: [], h6: [],
  ul: [], ol: ["start"], li: [],
  table: ["width", "align", "cellpadding", "cellspacing", "border", "role"], thead: [], tbody: [], tfoot: [], tr: [], td: TABLE_CELL, th: TABLE_CELL,
  img: ["src", "alt", "width", "height"],
};
const GLOBAL_ATTRIBUTES = ["style", "dir", "lang"];
const VOID = new Set(["br", "hr", "img"]);

// Style attributes may lay a mail out and colour it, nothing more: only these properties are
// kept (no position, so nothing can cover the page showing the mail), and a declaration that
// could load anything (url(), @import) or hide code in escapes is dropped.
const STYLE_PROPERTIES = new Set([
  "color", "background", "background-color", "font", "font-family", "font-size", "font-weight", "font-style", "line-height", "letter-spacing",
  "text-align", "text-decoration", "text-transform", "vertical-align", "white-space", "word-break", "overflow-wrap", "word-wrap",
  "margin", "margin-top", "margin-right", "margin-bottom", "margin-left", "padding", "padding-top", "padding-right", "padding-bottom", "padding-left",
  "border", "border-top", "border-right", "border-bottom", "border-left", "border-color", "border-style", "border-width", "border-radius", "border-collapse",
  "width", "max-width", "min-width", "height", "max-height", "min-height", "display",
]);
const UNSAFE_STYLE_VALUE = /url\s*\(|expression\s*\(|@import|javascript:|\\|[<>]/i;
const DISPLAY_VALUES = new Set(["block", "inline", "inline-block", "table", "table-row", "table-cell", "none", "flex", "list-item"]);

function safeStyle(style: string): string | null {
  const kept: string[] = [];
  for (const declaration of style.split(";")) {
    const colon = declaration.indexOf(":");
    if (colon < 0) continue;
    const property = declaration.slice(0, colon).trim().toLowerCase();
    const value = declaration.slice(colon + 1).trim();
    if (!STYLE_PROPERTIES.has(property) || value === "" || UNSAFE_STYLE_VALUE.test(value)) continue;
    if (property === "display" && !DISPLAY_VALUES.has(value.toLowerCase())) continue;
    kept.push(`${property}:${value}`);
  }
  return kept.length > 0 ? kept.join(";") : null;
}

/** An image URL that may load: over https, or from Parley's own origin (the page's CSP allows 'self'). */
function safeImageSrc(value: string, ownOrigin: string | null): boolean {
  if (!isSafeHref(value)) return false;
  if (value.toLowerCase().startsWith("https:")) return true;
  if (!ownOrigin) return false;
  try {
    return new URL(value).origin === ownOrigin;
  } catch {
    return false;
  }
}

function safeAttribute(tag: string, name: string, value: string, ownOrigin: string | null = null): string | null {
  if (!(ALLOWED[tag]?.includes(name) || GLOBAL_ATTRIBUTES.includes(name))) return null;
  if (name === "href") return isSafeHref(value) ? value : null;
  // Only images the page's Content-Security-Policy lets load: over https, or Parley's own (an
  // uploaded avatar on an http development install).
  if (name === "src") return safeImageSrc(value, ownOrigin) ? value : null;
  if (name === "style") return safeStyle(value);
  return value;
}

/**
 * The HTML of a mail, made safe to show inside Parley (the mail sandbox): an allowlist of layout
 * elements and attributes, inline styles limited to colours, type and box sizes (never position),
 * links only to http(s)/mailto/tel and opening outside the page, images only over https (or from
 * `ownOrigin`, Parley's own), no
 * script, style element, form, frame or event handler, comments dropped, every text and
 * attribute re-escaped.
 */
export function sanitizeMailHtml(html: string, options: { ownOrigin?: string | null } = {}): string {
  const ownOrigin = options.ownOrigin ?? null;
  let out = "";
  // >0 while inside an element dropped with its content (they may nest).
  let dropping = 0;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (dropping > 0 || DROPPED_WITH_CONTENT.has(name)) {
          if (DROPPED_WITH_CONTENT.has(name)) dropping++;
          return;
        }
        if (!ALLOWED[name]) return;
        let tag = `<${name}`;
        for (const [attribute, value] of Object.entries(attributes)) {
          const safe = safeAttribute(name, attribute, value, ownOrigin);
          if (safe !== null) tag += ` ${attribute}="${escapeHtml(safe)}"`;
        }
        if (name === "a" && attributes.href !== undefined && isSafeHref(attributes.href)) tag += ' target="_blank" rel="noopener noreferrer"';
        if (name === "img" && !(attributes.src && safeAttribute("img", "src", attributes.src, ownOrigin))) return;
        out += `${tag}>`;
      },
      onclosetag(name) {
        if (DROPPED_WITH_CONTENT.has(name)) {
          dropping = Math.max(0, dropping - 1);
          return;
        }
        if (dropping > 0 || !ALLOWED[name] || VOID.has(name)) return;
        out += `</${name}>`;
      },
      ontext(text) {
        if (dropping === 0) out += escapeHtml(text);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return out;
}
