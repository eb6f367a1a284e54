// The text syntax for variables, shared by textToDocument, the editor's typing and paste rules, and
// the plain-text API path:  {{ name }}  or  {{ name | fallback: "text" }}  (single or double quotes).
//
// Names are dotted segments of letters, digits, "_" and "-" ("first_name", "session.id", "plan").
// Dotted names are reserved for built-in namespaces; custom contact attributes are plain keys.

export const MAX_VARIABLE_NAME_LENGTH = 64;
export const MAX_FALLBACK_LENGTH = 200;

const NAME_SOURCE = String.raw`[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*`;
const DOUBLE_QUOTED = String.raw`"((?:[^"\\\r\n]|\\.)*)"`;
const SINGLE_QUOTED = String.raw`'((?:[^'\\\r\n]|\\.)*)'`;
const TOKEN_SOURCE = String.raw`\{\{\s*(${NAME_SOURCE})\s*(?:\|\s*fallback\s*:\s*(?:${DOUBLE_QUOTED}|${SINGLE_QUOTED})\s*)?\}\}`;

const NAME_PATTERN = new RegExp(`^${NAME_SOURCE}$`);
const TOKEN_AT = new RegExp(TOKEN_SOURCE, "y");
const WHOLE_TOKEN = new RegExp(`^${TOKEN_SOURCE}$`);


export type VariableReference = { name: string; fallback: string | null };

export type TemplateSegment =
  | { type: "text"; text: string }
  | { type: "variable"; name: string; fallback: string | null; raw: string; index: number };

/**
 * "empty" and "invalid" are complete {{...}} that are not a variable: they must never reach a
 * contact. "unclosed" is a stray "{{" with no closing braces, which is just text.
 */
export type TemplateProblem = {
  kind: "empty" | "invalid" | "unclosed";
  raw: string;
  index: number;
};

export function isValidVariableName(name: unknown): name is string {
  return (
    typeof name === "string" && name.length <= MAX_VARIABLE_NAME_LENGTH && NAME_PATTERN.test(name)
  );
}

/** An empty or blank fallback would leave a hole in the message, so it means "no fallback". */
export function normalizeFallback(value: unknown): string | null {
  if (typeof value !== "string" || value.trim() === "") return null;
  return value;
}

function unescapeQuoted(value: string): string {
  return value.replace(/\\(.)/g, "$1");
}

function referenceFromMatch(match: RegExpExecArray): VariableReference | null {
  const name = match[1] ?? "";
  const quoted = match[2] ?? match[3];
  const fallback = quoted === undefined ? null : unescapeQuoted(quoted);
  if (!isValidVariableName(name)) return null;
  if (fallback !== null && fallback.length > MAX_FALLBACK_LENGTH) return null;
  return { name, fallback: normalizeFallback(fallback) };
}

/** Parses exactly one token such as `{{ first_name | fallback: "there" }}`. */
export function parseVariableToken(token: string): VariableReference | null {
  const match = WHOLE_TOKEN.exec(token);
  return match ? referenceFromMatch(match) : null;
}

export function parseTemplate(text: string): {
  segments: TemplateSegment[];
  problems: TemplateProblem[];
} {
  const segments: TemplateSegment[] = [];
  const problems: TemplateProblem[] = [];
  let pendingText = "";
  let cursor = 0;

  const flushText = () => {
    if (pendingText !== "") segments.push({ type: "text", text: pendingText });
    pendingText = "";
  };

  while (cursor < text.length) {
    const open = text.indexOf("{{", cursor);
    if (open === -1) {
      pendingText += text.slice(cursor);
      break;
    }
    pendingText += text.slice(cursor, open);

    TOKEN_AT.lastIndex = open;
    const match = TOKEN_AT.exec(text);
    const reference = match ? referenceFromMatch(match) : null;
    if (match && reference) {
      flushText();
      segments.push({ type: "variable", ...reference, raw: match[0], index: open });
      cursor = open + match[0].length;
      continue;
    }

    const close = text.indexOf("}}", open + 2);
    const nextOpen = text.indexOf("{{", open + 1);
    if (close === -1) {
      problems.push({ kind: "unclosed", raw: text.slice(open), index: open });
      pendingText += text.slice(open);
      break;
    }
    if (nextOpen !== -1 && nextOpen < close) {
      // "{{{name}}}" or "{{ oops {{name}}": the first braces are stray text and the scan resumes
      // at the later "{{", which may still be a valid variable.
      if (nextOpen - open >= 2) {
        problems.push({ kind: "unclosed", raw: text.slice(open, nextOpen), index: open });
      }
      pendingText += text.slice(open, nextOpen);
      cursor = nextOpen;
      continue;
    }
    const raw = text.slice(open, close + 2);
    const inner = raw.slice(2, -2).trim();
    problems.push({ kind: inner === "" ? "empty" : "invalid", raw, index: open });
    pendingText += raw;
    cursor = close + 2;
  }

  flushText();
  return { segments, problems };
}

/** The inverse of parseVariableToken, so copying a chip as text and pasting it back round-trips. */
export function formatVariable({ name, fallback }: VariableReference): string {
  const normalized = normalizeFallback(fallback);
  if (normalized === null) return `{{${name}}}`;
  return `{{${name} | fallback: "${normalized.replace(/["\\]/g, "\\$&")}"}}`;
}
