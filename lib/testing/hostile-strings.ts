import fc from "fast-check";

/**
 * Strings an attacker or a careless integrator sends: NUL and other control characters, lone
 * surrogates, zero-width and bidirectional marks, combining and emoji sequences, template and
 * markup syntax, prototype names, and very long runs, mixed with arbitrary code points (the
 * "binary" unit includes surrogate halves) and graphemes.
 */
const PIECES = [
  "\u0000",
  "\u0001",
  "\u0008",
  "\u001b",
  "\u007f",
  "\u0085",
  "\ud800",
  "\udbff",
  "\udc00",
  "\udfff",
  "\u200b",
  "\u200c",
  "\u200d",
  "\u200e",
  "\u202e",
  "\u2066",
  "\u2069",
  "\ufeff",
  "\ufffd",
  "e\u0301",
  "\u0301",
  "👩🏽‍💻",
  "🇫🇷",
  "🦊",
  "𝔘",
  "{{first_name}}",
  "{{ nope }}",
  "{{",
  "}}",
  "__proto__",
  "constructor",
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "'; DROP TABLE contacts; --",
  "%00",
  "%FF",
  "\\",
  '"',
  "\n",
  "\r\n",
  "\t",
  " ",
  "\u00a0",
  "\u3000",
] as const;

export const hostileString = (maxPieces = 8): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: "binary", maxLength: 4 }), fc.string({ unit: "grapheme", maxLength: 4 })), { maxLength: maxPieces }).map((parts) => parts.join("")) },
    { weight: 1, arbitrary: fc.constantFrom("x".repeat(5_001), "é".repeat(2_001), "\u0000".repeat(300), "👩🏽‍💻".repeat(400)) },
  );

/** Bytes that are not UTF-8 (a lone continuation byte, an overlong form, an encoded surrogate, a cut sequence). */
export const invalidUtf8 = fc.constantFrom(
  [0x80],
  [0xc0, 0xaf],
  [0xe0, 0x80, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0xff],
  [0xc3],
  [0xf0, 0x9f, 0x98],
);
