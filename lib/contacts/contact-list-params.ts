import { z } from "zod";
import { audienceFilterSchema, type AudienceFilter } from "@/lib/workflow/audience/audience-filter";
import { CONTACT_LIST_FILTER_PARAM, readContactListFilter } from "./contact-list-filter";
import { textProblem } from "@/lib/validation/text";

/**
 * THE Contacts list's filter as its URL carries it: `q` (the search text) and `filter` (an
 * audience filter as JSON: tags and typed attributes, compiled by compileAudience like an Audience
 * Matched trigger). The list's export and "Delete matching contacts" read the list's search params
 * through contactListFilterFromSearchParams, so they act on exactly the contacts the list shows.
 * Client-safe.
 */
export const CONTACT_LIST_SEARCH_PARAM = "q";
export const CONTACT_LIST_AUDIENCE_PARAM = CONTACT_LIST_FILTER_PARAM;

export const contactListFilterSchema = z.object({
  /** Name, email, phone or external id contains this (case-insensitive). */
  q: z.string().max(200).default(""),
  /** Tags and attributes, as the Audience Matched filter; null for none. */
  audience: audienceFilterSchema.nullable().default(null),
});
export type ContactListFilter = { q: string; audience?: AudienceFilter | null };

type SearchParams = URLSearchParams | Record<string, string | string[] | undefined>;

function first(params: SearchParams, name: string): string {
  if (params instanceof URLSearchParams) return params.get(name) ?? "";
  const value = params[name];
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

/**
 * The list's filter from its URL's search params. Search text Parley cannot store (a NUL, a lone
 * surrogate) makes it `unsearchable`: it matches nobody, and the page says so.
 */
export function contactListFilterFromSearchParams(params: SearchParams): { filter: ContactListFilter; unsearchable: boolean } {
  const q = first(params, CONTACT_LIST_SEARCH_PARAM).slice(0, 200);
  const audience = readContactListFilter(first(params, CONTACT_LIST_AUDIENCE_PARAM));
  if (textProblem(q) !== null) return { filter: { q: "", audience }, unsearchable: true };
  return { filter: { q: q.trim(), audience }, unsearchable: false };
}

/** The filter as the list's search params (what the export link and the count carry). */
export function contactListSearchParams(filter: ContactListFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.q) params.set(CONTACT_LIST_SEARCH_PARAM, filter.q);
  if (filter.audience) params.set(CONTACT_LIST_AUDIENCE_PARAM, JSON.stringify(filter.audience));
  return params;
}

/** Whether the filter narrows the list at all. */
export const isFilteredList = (filter: ContactListFilter) => filter.q !== "" || Boolean(filter.audience);
