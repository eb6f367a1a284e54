import type { z } from "zod";

/**
 * The message a person should read for one zod issue. A refused record key (an attribute name)
 * carries the key schema's own explanation inside a generic "Invalid key in record": show that.
 */
export function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_key") {
    const inner = issue.issues[0];
    if (inner) return inner.message;
  }
  return issue.message;
}
