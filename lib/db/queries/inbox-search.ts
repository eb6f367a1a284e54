import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { contactSearchText } from "@/lib/contacts/contact-list-query";
import { contactIsLive } from "@/lib/contacts/live-contact";
import { getDb, type DbOrTx } from "@/lib/db/client";
import type { InboxStatus } from "@/lib/inbox/filters";
import { HIGHLIGHT_END, HIGHLIGHT_START, LESS_THAN, normalizeSearchQuery, SEARCH_RESULT_LIMIT } from "@/lib/inbox/inbox-search-text";
import { inboxPredicate, type Viewer } from "./inbox-predicates";
import { listInboxConversations, type InboxListItem } from "./inbox";

/**
 * Each way of matching (message text, the contact, the customer identifier) hands at most this
 * many conversations to the ranking, the most recent first. A word in a tenth of all messages
 * then costs a few hundred rows, not a hundred thousand; below this many matches the ranking is
 * exact.
 */
const CANDIDATES_PER_SOURCE = 200;

export type InboxSearchResult = InboxListItem & {
  /** The best matching message's text around the match, the matched words between HIGHLIGHT_START and HIGHLIGHT_END; null when only the contact or identifier matched. */
  snippet: string | null;
};

export type SearchInboxOptions = { viewer: Viewer; query: string; status: InboxStatus; limit?: number; db?: DbOrTx };

/** `%` and `_` typed by a person are literal characters, not wildcards. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** "+1 (415) 555-0100" is looked for as the digits contacts' E.164 phones hold. */
function phoneDigits(query: string): string | null {
  if (!/^\+?[\d\s().-]{6,}$/.test(query)) return null;
  const digits = query.replace(/\D/g, "");
  return digits.length >= 6 ? digits : null;
}

/**
 * The ranked conversation ids and snippets, in one statement. Raw SQL because it is the inbox's
 * hottest read at scale (bench: npm run bench:search): the planner must see each source's
 * predicate on its own to choose, per query, between the GIN indexes (a rare word, a name) and
 * reading the inbox in recency order until enough matches are found (a common word).
 */
export function buildSearchStatement(options: SearchInboxOptions, query: string): SQL {
  const { viewer, status } = options;
  const limit = options.limit ?? SEARCH_RESULT_LIMIT;
  const workspaceId = viewer.workspaceId;
  // What the inbox may show: opened conversations of this workspace in the list's status.
  const visible = inboxPredicate(viewer, {}, status);
  const tsquery = sql`websearch_to_tsquery('english'::regconfig, ${query})`;
  const digits = phoneDigits(query);
  const contactText = contactSearchText();
  // Typos are forgiven in names (trigram word similarity); a phone is matched by its digits, and
  // an email as typed (a near-miss of one address is another person's).
  const contactMatch = digits
    ? sql`(${contactText} ILIKE ${likePattern(query)} OR ${contactText} ILIKE ${likePattern(digits)})`
    : query.includes("@")
      ? sql`${contactText} ILIKE ${likePattern(query)}`
      : sql`(${contactText} ILIKE ${likePattern(query)} OR ${query} OPERATOR(extensions.<%) ${contactText})`;
  const exactContact = sql`(lower(contacts.email) = lower(${query}) OR contacts.external_id = ${query}${digits ? sql` OR contacts.phone = ${`+${digits}`}` : sql``})`;
  // The snippet's markers are control characters no stored text keeps, so the page can split on them.
  const headlineOptions = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}, MaxWords=24, MinWords=8, MaxFragments=2, FragmentDelimiter=" … "`;

  return sql`
    WITH message_hits AS (
      SELECT conversations.id, 0::float8 AS score
      FROM conversations
      WHERE ${visible}
        AND conversations.id IN (
          SELECT m.conversation_id FROM messages m
          WHERE m.workspace_id = ${workspaceId} AND m.search_vector @@ ${tsquery})
      ORDER BY conversations.last_message_at DESC, conversations.id DESC
      LIMIT ${CANDIDATES_PER_SOURCE}
    ), matching_contacts AS (
      SELECT contacts.id,
             CASE WHEN ${exactContact} THEN 3::float8 ELSE 1 + extensions.word_similarity(${query}, ${contactText}) END AS score
      FROM contacts
      WHERE contacts.workspace_id = ${workspaceId} AND ${contactIsLive()} AND ${contactMatch}
      LIMIT ${CANDIDATES_PER_SOURCE}
    ), contact_hits AS (
      SELECT conversations.id, matching_contacts.score
      FROM conversations JOIN matching_contacts ON matching_contacts.id = conversations.contact_id
      WHERE ${visible}
      ORDER BY matching_contacts.score DESC, conversations.last_message_at DESC
      LIMIT ${CANDIDATES_PER_SOURCE}
    ), identifier_hits AS (
      SELECT conversations.id,
             CASE WHEN lower(conversations.customer_identifier) = lower(${query}) THEN 3::float8 ELSE 1.5::float8 END AS score
      FROM conversations
      WHERE ${visible} AND conversations.customer_identifier ILIKE ${likePattern(query)}
      ORDER BY conversations.last_message_at DESC
      LIMIT ${CANDIDATES_PER_SOURCE}
    ), candidates AS (
      SELECT id, max(score) AS score
      FROM (SELECT * FROM message_hits UNION ALL SELECT * FROM contact_hits UNION ALL SELECT * FROM identifier_hits) hits
      GROUP BY id
    ), ranked AS (
      -- Who the person is outranks what was said (1 and up), then the best message's rank (0 to 1).
      SELECT candidates.id, greatest(candidates.score, coalesce(best.rank, 0)) AS score, best.message_id, c.last_message_at
      FROM candidates
      JOIN conversations c ON c.id = candidates.id
      LEFT JOIN LATERAL (
        SELECT m.id AS message_id, ts_rank_cd(m.search_vector, ${tsquery}, 32) AS rank
        FROM messages m
        WHERE m.conversation_id = candidates.id AND m.workspace_id = ${workspaceId} AND m.search_vector @@ ${tsquery}
        ORDER BY rank DESC, m.created_at DESC
        LIMIT 1
      ) best ON true
      ORDER BY score DESC, c.last_message_at DESC, c.id DESC
      LIMIT ${limit}
    )
    SELECT ranked.id, ranked.score,
           CASE WHEN m.id IS NULL THEN NULL ELSE
             ts_headline('english'::regconfig, translate(m.text, ${HIGHLIGHT_START + HIGHLIGHT_END + LESS_THAN + "<"}, ${`   ${LESS_THAN}`}), ${tsquery}, ${headlineOptions})
           END AS snippet
    FROM ranked LEFT JOIN messages m ON m.id = ranked.message_id
    ORDER BY ranked.score DESC, ranked.last_message_at DESC, ranked.id DESC`;
}

/**
 * The inbox search: conversations of the viewer's workspace the inbox may show (opened, in the
 * list's status) whose messages or notes match the words (PostgreSQL full-text search with
 * websearch syntax: "a phrase", -excluded, or), or whose contact's name, email, phone or external
 * id matches (trigram: substrings and typos), or whose customer identifier contains the text.
 * Best first; at most SEARCH_RESULT_LIMIT.
 */
export async function searchInbox(options: SearchInboxOptions): Promise<InboxSearchResult[]> {
  const query = normalizeSearchQuery(options.query);
  if (!query) return [];
  const db = options.db ?? getDb();
  const hits = await db.execute<{ id: string; score: number; snippet: string | null }>(buildSearchStatement(options, query));
  if (hits.rows.length === 0) return [];
  const page = await listInboxConversations({
    viewer: options.viewer,
    filters: {},
    status: options.status,
    sort: "newest",
    ids: hits.rows.map((hit) => hit.id),
    limit: hits.rows.length,
    db,
  });
  const items = new Map(page.items.map((item) => [item.id, item]));
  return hits.rows.flatMap((hit) => {
    const item = items.get(hit.id);
    return item ? [{ ...item, snippet: hit.snippet }] : [];
  });
}
