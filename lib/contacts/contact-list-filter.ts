import { audienceFilterSchema, type AudienceFilter } from "@/lib/workflow/audience/audience-filter";

/**
 * The Contacts list's filter travels in its URL (`?filter=`, the filter as JSON) so a filtered list
 * can be bookmarked, reloaded and exported as it is shown. One reader for the page and the export.
 */
export const CONTACT_LIST_FILTER_PARAM = "filter";

/** The filter a URL carries, or null: none, or one that is not a valid audience filter (ignored, as if absent). */
export function readContactListFilter(raw: string | null | undefined): AudienceFilter | null {
  if (!raw) return null;
  try {
    const parsed = audienceFilterSchema.safeParse(JSON.parse(raw));
    return parsed.success && !isEmptyFilter(parsed.data) ? parsed.data : null;
  } catch {
    return null;
  }
}

export function isEmptyFilter(filter: AudienceFilter): boolean {
  return !filter.lastConversation && filter.attributes.length === 0 && !filter.tags.any.length && !filter.tags.all.length && !filter.tags.none.length;
}
