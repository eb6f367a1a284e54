/** A saved reply as the composer lists it: its title and its text (variables as {{name}}) to search and preview. */
export type SavedReplyOption = { id: string; title: string; text: string };

const MAX_SHOWN = 8;

/** Replies whose title or text contains every word typed, titles that start with the query first. */
export function filterSavedReplies(replies: SavedReplyOption[], query: string, limit = MAX_SHOWN): SavedReplyOption[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const needle = query.trim().toLowerCase();
  return replies
    .filter((reply) => {
      const haystack = `${reply.title}\n${reply.text}`.toLowerCase();
      return words.every((word) => haystack.includes(word));
    })
    .sort((a, b) => Number(b.title.toLowerCase().startsWith(needle)) - Number(a.title.toLowerCase().startsWith(needle)))
    .slice(0, limit);
}
