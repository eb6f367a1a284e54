"use client";

import { z } from "zod";

// zod compiles fast parsers with `new Function` when it may; under the Content-Security-Policy it
// may not, and merely probing for it is reported as a violation. Parsing works the same without.
z.config({ jitless: true });

/** Rendered once in the root layout so this module runs in the browser before any parse. */
export function ZodWithoutEval() {
  return null;
}
