import { z } from "zod";
import { textProblem } from "@/lib/validation/text";

/**
 * THE filter of the Contacts list, as its URL carries it. The list, its CSV export and "Delete
 * matching contacts" read it through contactListFilterFromSearchParams, so a filter added to the
 * list (tags, typed attributes) is added here once and reaches all three. Client-safe.
 */
export const contactListFilterSchema = z.object({
  /** Name, email, phone or external id contains this (case-insensitive). */
  q: z.string().max(200).default(""),
});
export type ContactListFilter = z.infer<typeof contactListFilterSchema>;

type SearchParams = URLSearchParams | Record<string, string | string[] | undefined>;

function first(params: SearchParams, name: string): string {
  if (params instanceof URLSearchParams) return params.get(name) ?? "";
  const value = params[name];
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

/**
 * The list's filter from its URL's search params. Text Parley cannot store (a NUL, a lone
 * surrogate) makes the filter `unsearchable`: it matches nobody, and the page says so.
 */
export function contactListFilterFromSearchParams(params: SearchParams): { filter: ContactListFilter; unsearchable: boolean } {
  const q = first(params, "q").slice(0, 200);
  if (textProblem(q) !== null) return { filter: { q: "" }, unsearchable: true };
  return { filter: { q: q.trim() }, unsearchable: false };
}

/** The filter as the list's search params (what the export link and the page links carry). */
export function contactListSearchParams(filter: ContactListFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.q) params.set("q", filter.q);
  return params;
}
