import { SafeError } from "@/lib/errors";

/**
 * THE rule for text Parley accepts, at every boundary (API, chat, SMS, mail, server actions,
 * imports): any Unicode text except NUL (U+0000, which PostgreSQL cannot store) and unpaired
 * UTF-16 surrogates (which are not characters and cannot be encoded as UTF-8). Everything else is
 * kept byte-exact: no trimming, no normalisation, no replacement characters here — a field's own
 * schema decides about whitespace. Bytes that are not UTF-8 are refused, never turned into U+FFFD.
 */
export type TextProblem = "nul" | "lone_surrogate";

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function textProblem(value: string): TextProblem | null {
  if (value.includes("\u0000")) return "nul";
  if (LONE_SURROGATE.test(value)) return "lone_surrogate";
  return null;
}

const PROBLEM_WORDS: Record<TextProblem, string> = {
  nul: "contains a NUL character (U+0000)",
  lone_surrogate: "contains an unpaired UTF-16 surrogate (not a character)",
};

export function describeTextProblem(problem: TextProblem): string {
  return PROBLEM_WORDS[problem];
}

/** The first string (value or object key) in a parsed value that breaks the rule, with its path. */
export function findTextProblem(value: unknown, path: (string | number)[] = []): { path: (string | number)[]; problem: TextProblem } | null {
  if (typeof value === "string") {
    const problem = textProblem(value);
    return problem ? { path, problem } : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findTextProblem(value[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      const keyProblem = textProblem(key);
      if (keyProblem) return { path: [...path, key], problem: keyProblem };
      const found = findTextProblem(child, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/** Refuses (400 invalid_text) any string in the value that breaks the rule, naming where. */
export function assertAcceptableText(value: unknown, what = "The request"): void {
  const found = findTextProblem(value);
  if (!found) return;
  const where = found.path.length > 0 ? `${what} at “${found.path.join(".")}”` : what;
  throw new SafeError("invalid_text", `${where} ${describeTextProblem(found.problem)}. Remove it and try again.`, {
    path: found.path.join("."),
    problem: found.problem,
  });
}

/**
 * Line breaks as the person typed them, whatever their device sent (CRLF, CR): "\n". The one change
 * message text gets besides the trimming of its ends; everything else is kept as it is.
 */
export function normalizeLineBreaks(value: string): string {
  return value.replace(/\r\n?/g, "\n");
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Decodes bytes that must be UTF-8, refusing (400 invalid_text) anything else instead of replacing it. */
export function decodeUtf8(bytes: Uint8Array, what = "The request body"): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new SafeError("invalid_text", `${what} is not valid UTF-8 text.`, { problem: "invalid_utf8" });
  }
}
