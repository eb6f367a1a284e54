/**
 * The inbox search's text on both sides of the wire (client-safe): the query as it is read from
 * the URL, and the snippet's highlight markers. The snippet is shown as text with <mark> elements
 * built by React, never as HTML, so nothing a contact wrote can become markup.
 */

/** Around each matched word in a snippet (ts_headline's StartSel/StopSel); removed from stored text before highlighting. */
export const HIGHLIGHT_START = "\u0001";
export const HIGHLIGHT_END = "\u0002";
/**
 * Stands for "<" while PostgreSQL cuts the snippet: its parser reads "<b>" as an HTML tag and
 * ts_headline drops tags, which would hide what the contact literally wrote.
 */
export const LESS_THAN = "\u0003";

export const MAX_SEARCH_LENGTH = 200;

/** At most this many results are shown: a search that finds more asks for more words, not pages. */
export const SEARCH_RESULT_LIMIT = 50;

/** The query searched for: control characters and unpaired surrogates dropped, spaces collapsed, at most 200 characters; "" for none. */
export function normalizeSearchQuery(raw: string | null | undefined): string {
  if (!raw) return "";
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  const cleaned = raw.replace(/[\u0000-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, " ");
  return cleaned.replace(/\s+/g, " ").trim().slice(0, MAX_SEARCH_LENGTH).trim();
}

export function searchFromSearchParams(params: Record<string, string | string[] | undefined>): string {
  const value = params.q;
  return normalizeSearchQuery(Array.isArray(value) ? value[0] : value);
}

export type HighlightPart = { text: string; highlighted: boolean };

/** A snippet split into plain and highlighted runs (an unclosed marker highlights to the end). */
export function highlightParts(snippet: string): HighlightPart[] {
  const parts: HighlightPart[] = [];
  let highlighted = false;
  let text = "";
  const flush = () => {
    if (text) parts.push({ text, highlighted });
    text = "";
  };
  for (const char of snippet) {
    if (char === HIGHLIGHT_START || char === HIGHLIGHT_END) {
      flush();
      highlighted = char === HIGHLIGHT_START;
    } else text += char === LESS_THAN ? "<" : char;
  }
  flush();
  return parts;
}
