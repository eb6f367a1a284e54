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

// Style attributes may lay a mail out but not load anything (url(), @import) or hide code in
// escapes; a value with any of these is dropped whole.
const UNSAFE_STYLE = /url\s*\(|expression\s*\(|@import|javascript:|behavior\s*:|-moz-binding|\\/i;

function safeAttribute(tag: string, name: string, value: string): string | null {
  if (!(ALLOWED[tag]?.includes(name) || GLOBAL_ATTRIBUTES.includes(name))) return null;
  if (name === "href") return isSafeHref(value) ? value : null;
  // Only images over https (what the page's Content-Security-Policy allows to load).
  if (name === "src") return isSafeHref(value) && value.toLowerCase().startsWith("https:") ? value : null;
  if (name === "style") return UNSAFE_STYLE.test(value) ? null : value;
  return value;
}

/**
 * The HTML of a mail, made safe to show inside Parley (the mail sandbox): an allowlist of layout
 * elements and attributes, links only to http(s)/mailto/tel and opening outside the page, images
 * only over https, no script, style element, form, frame or event handler, comments dropped,
 * every text and attribute re-escaped. The page also shows the result in a sandboxed frame.
 */
export function sanitizeMailHtml(html: string): string {
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
          const safe = safeAttribute(name, attribute, value);
          if (safe !== null) tag += ` ${attribute}="${escapeHtml(safe)}"`;
        }
        if (name === "a" && attributes.href !== undefined && isSafeHref(attributes.href)) tag += ' target="_blank" rel="noopener noreferrer"';
        if (name === "img" && !(attributes.src && safeAttribute("img", "src", attributes.src))) return;
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
