/**
 * npm run bench:search — the inbox search (lib/db/queries/inbox-search.ts) at 1,000,000
 * conversations with 3,000,000 messages in a fresh embedded PostgreSQL: half the conversations
 * are unanswered campaigns (one outreach message each, never found), half opened (five messages
 * each: a support sentence plus words drawn from a skewed vocabulary, so some words are in a few
 * percent of all messages and most in very few). Prints p50/p95 of typical searches — a word, a
 * phrase, a name with a typo, an email — beside the same searches done naively with ILIKE (the
 * floor), all in the same run. Target: p95 under 50 ms.
 *
 * The data is built set-based (INSERT … SELECT generate_series) with the indexes dropped during
 * the load and rebuilt after, as a restore would. `npm test` runs it once at a tiny size
 * (bench/search.test.ts) so its data and queries keep fitting the schema.
 */
import { performance } from "node:perf_hooks";
import { sql, type SQL } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { searchInbox } from "@/lib/db/queries/inbox-search";
import { SEARCH_RESULT_LIMIT } from "@/lib/inbox/inbox-search-text";
import { benchDatabase } from "./bench-database";
import { percentile } from "./percentile";
import { runAsScript } from "./run-as-script";

export type SearchBenchOptions = {
  conversations: number;
  iterations: number;
  /** Timed runs of each naive ILIKE query (each reads every message: seconds, not milliseconds). */
  floorIterations: number;
  warmup: number;
  databaseUrl?: string;
};

export type SearchTiming = { label: string; query: string; results: number; p50: number; p95: number; floorP50: number; floorP95: number; floorResults: number };
export type SearchBenchResult = { conversations: number; messages: number; opened: number; searches: SearchTiming[]; worst: SearchTiming };

const WORKSPACE_ID = "d0000000-0000-4000-8000-000000000001";
const OTHER_WORKSPACE_ID = "d0000000-0000-4000-8000-000000000002";
const CHANNEL_ID = "d0000000-0000-4000-8000-0000000000c1";
const OTHER_CHANNEL_ID = "d0000000-0000-4000-8000-0000000000c2";
const AGENT_ID = "d0000000-0000-4000-8000-0000000000a1";

const FIRST_NAMES = ["Ada", "Grace", "Alan", "Margaret", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Dennis", "Radia", "John", "Katherine", "Dorothy", "Mary", "Annie", "Hedy", "Claude", "Tim", "Linus", "Guido", "Bjarne", "James", "Sophie", "Karen", "Jean", "Evelyn", "Carol", "Shafi", "Leslie"];
const LAST_NAMES = ["Lovelace", "Hopper", "Turing", "Hamilton", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson", "Ritchie", "Perlman", "McCarthy", "Johnson", "Vaughan", "Jackson", "Easley", "Lamarr", "Shannon", "Berners", "Torvalds", "Rossum", "Stroustrup", "Gosling", "Wilson", "Jones", "Sammet", "Boyd", "Shaw", "Goldwasser", "Lamport", "Clarke", "Babbage", "Backus", "Kay", "Engelbart", "Cerf", "Kahn", "Wirth", "Hoare", "Milner"];
// The first sentence of each opened conversation's messages: what people write to support.
const SENTENCES = [
  "I need a refund for my last order",
  "The shipping label was never printed",
  "My invoice shows the wrong billing address",
  "I cannot log in since the password reset",
  "Can you upgrade my plan to the annual subscription",
  "The package arrived damaged and the box was open",
  "Please cancel my subscription at the end of the month",
  "I was charged twice for the same order",
  "How do I export my data to a spreadsheet",
  "The mobile app crashes when I open settings",
  "Where can I download the receipt for my payment",
  "My discount code is not accepted at checkout",
  "I would like to change the delivery address",
  "The tracking number does not work on the carrier site",
  "Our team needs more seats on the account",
  "Is there a way to merge two accounts",
];
// Words drawn into every opened message, the first ones far more often (index = n·u²).
const VOCABULARY = (
  "thanks please help order account payment issue today problem email update time again still question support week service access " +
  "customer price product delivery website error team number message phone online page yesterday urgent morning device browser link " +
  "refund invoice shipping return warranty password login subscription upgrade discount coupon checkout tracking carrier parcel courier " +
  "receipt billing credit card bank transfer seats workspace integration webhook calendar export import report dashboard notification " +
  "firmware battery charger cable adapter screen keyboard printer scanner router modem antenna bluetooth headset speaker camera lens " +
  "appointment booking reservation voucher loyalty points membership renewal trial onboarding tutorial documentation translation " +
  "latency outage downtime backup restore migration sandbox staging production deployment certificate domain redirect firewall"
).split(" ");

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = await work();
  const used = process.cpuUsage(cpu);
  console.log(`  ${label.padEnd(46)} ${((performance.now() - start) / 1000).toFixed(1).padStart(6)} s wall ${((used.user + used.system) / 1e6).toFixed(2).padStart(6)} s CPU (this process)`);
  return result;
}

const textArray = (values: string[]) => sql`${sql.param(values)}::text[]`;

async function buildData(conversations: number) {
  const db = getDb();
  const contacts = Math.max(1, Math.round(conversations / 4));
  await timed("workspaces, agent, channels", async () => {
    await db.execute(sql`INSERT INTO workspaces (id, name, plan) VALUES (${WORKSPACE_ID}, 'Search bench', 'enterprise'), (${OTHER_WORKSPACE_ID}, 'Other', 'free')`);
    await db.execute(sql`INSERT INTO users (id, email, name) VALUES (${AGENT_ID}, 'agent@search.bench', 'Agent')`);
    await db.execute(sql`INSERT INTO memberships (workspace_id, user_id, role) VALUES (${WORKSPACE_ID}, ${AGENT_ID}, 'agent')`);
    await db.execute(sql`
      INSERT INTO channels (id, workspace_id, kind, name, is_default, identity_secret)
      VALUES (${CHANNEL_ID}, ${WORKSPACE_ID}, 'chat', 'Chat', true, 'bench'), (${OTHER_CHANNEL_ID}, ${OTHER_WORKSPACE_ID}, 'chat', 'Chat', true, 'bench')`);
  });

  // A bulk load as a restore does it: indexes built once at the end, not row by row, and the
  // foreign-key triggers (the data is consistent by construction) skipped.
  const indexes = await db.execute<{ name: string; definition: string }>(sql`
    SELECT i.relname AS name, pg_get_indexdef(x.indexrelid) AS definition
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = 'public' AND t.relname IN ('contacts', 'conversations', 'messages')
      AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)`);
  await db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL session_replication_role = replica`);
    for (const index of indexes.rows) await tx.execute(sql`DROP INDEX ${sql.identifier(index.name)}`);

    await timed(`${contacts.toLocaleString("en")} contacts`, () =>
      tx.execute(sql`
        INSERT INTO contacts (workspace_id, external_id, first_name, last_name, email, phone)
        SELECT ${WORKSPACE_ID}, 'cust-' || g, f, l, lower(f) || '.' || lower(l) || g || '@example.test', '+1415' || lpad(g::text, 7, '0')
        FROM generate_series(1, ${contacts}) g,
             LATERAL (SELECT (${textArray(FIRST_NAMES)})[1 + abs(hashint4(g)) % ${FIRST_NAMES.length}] AS f,
                             (${textArray(LAST_NAMES)})[1 + abs(hashint4(g * 3)) % ${LAST_NAMES.length}] AS l) names`),
    );
    // Another workspace with the same words, never found from the first.
    await tx.execute(sql`
      INSERT INTO contacts (workspace_id, first_name, last_name, email)
      SELECT ${OTHER_WORKSPACE_ID}, 'Margaret', 'Hamilton', 'other' || g || '@example.test' FROM generate_series(1, 100) g`);

    // Even conversations are unanswered campaigns, odd ones opened (60% open, 10% snoozed, 30% closed).
    await timed(`${conversations.toLocaleString("en")} conversations`, () =>
      tx.execute(sql`
        WITH numbered AS (
          SELECT id, row_number() OVER (ORDER BY external_id) AS n FROM contacts WHERE workspace_id = ${WORKSPACE_ID}
        ), spec AS (
          SELECT g, (g % 2 = 1) AS opened, now() - make_interval(secs => (hashint4(g)::bigint & 2147483647) % (3 * 365 * 86400)) AS at,
                 abs(hashint4(g * 13)) % 100 AS r
          FROM generate_series(1, ${conversations}) g
        )
        INSERT INTO conversations (id, workspace_id, contact_id, channel_id, origin, direction, open_mode, state, opened_at, replied_at,
                                   closed_at, last_message_at, last_message_preview, customer_identifier, created_at)
        SELECT ('d1000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, ${WORKSPACE_ID}, numbered.id, ${CHANNEL_ID},
               (CASE WHEN opened THEN 'inbound' ELSE 'workflow' END)::conversation_origin, 'to_contact', 'after_reply',
               (CASE WHEN NOT opened THEN 'campaign' WHEN r < 60 THEN 'open' WHEN r < 70 THEN 'snoozed' ELSE 'closed' END)::conversation_state,
               CASE WHEN opened THEN at END, CASE WHEN opened THEN at END, CASE WHEN opened AND r >= 70 THEN at END,
               at + interval '4 minutes', 'Message ' || g, CASE WHEN opened THEN 'ORDER-' || g END, at
        FROM spec JOIN numbered ON numbered.n = 1 + abs(hashint4(g * 11)) % ${contacts}`),
    );

    // A campaign's one message; an opened conversation's five (contact, agent, contact, agent, contact).
    const messages = conversations * 3;
    await timed(`${messages.toLocaleString("en")} messages`, () =>
      tx.execute(sql`
        WITH spec AS (
          SELECT c.id AS conversation_id, c.created_at, c.opened_at IS NOT NULL AS opened, c.first_name, k, (hashint4(c.g * 5 + k) & 2147483647) AS h, c.g
          FROM (SELECT conv.id, conv.created_at, conv.opened_at, ct.first_name, ('x' || right(conv.id::text, 12))::bit(48)::bigint::int AS g
                FROM conversations conv JOIN contacts ct ON ct.id = conv.contact_id WHERE conv.workspace_id = ${WORKSPACE_ID}) c,
               LATERAL generate_series(0, CASE WHEN c.opened_at IS NULL THEN 0 ELSE 4 END) k
        ), texts AS (
          SELECT spec.*,
                 CASE WHEN NOT opened THEN 'Hi ' || first_name || ', just checking in: is there anything we can help you with?'
                      ELSE (${textArray(SENTENCES)})[1 + h % ${SENTENCES.length}] || '. ' ||
                           (SELECT string_agg((${textArray(VOCABULARY)})[1 + floor(${VOCABULARY.length} * power(((hashint4(h # (w * 7919)) & 2147483647) % 100000) / 100000.0, 2))::int], ' ')
                            FROM generate_series(1, 9) w) || ' #' || g
                 END AS text
          FROM spec
        )
        INSERT INTO messages (workspace_id, conversation_id, kind, author_type, body, html, text, created_at)
        SELECT ${WORKSPACE_ID}, conversation_id, 'message', (CASE WHEN k % 2 = 0 AND opened THEN 'contact' ELSE 'agent' END)::author_type,
               jsonb_build_object('type', 'doc', 'content', jsonb_build_array(jsonb_build_object('type', 'paragraph', 'content', jsonb_build_array(jsonb_build_object('type', 'text', 'text', text))))),
               '<p>' || text || '</p>', text, created_at + make_interval(mins => k)
        FROM texts`),
    );
    await tx.execute(sql`
      INSERT INTO conversations (workspace_id, contact_id, channel_id, origin, state, opened_at, last_message_at)
      SELECT ${OTHER_WORKSPACE_ID}, id, ${OTHER_CHANNEL_ID}, 'inbound', 'open', now(), now() FROM contacts WHERE workspace_id = ${OTHER_WORKSPACE_ID}`);
    await tx.execute(sql`
      INSERT INTO messages (workspace_id, conversation_id, author_type, body, html, text)
      SELECT workspace_id, id, 'contact', '{"type":"doc","content":[]}', '', 'I need a refund for my last order' FROM conversations WHERE workspace_id = ${OTHER_WORKSPACE_ID}`);

    await timed(`${indexes.rows.length} indexes of contacts, conversations, messages`, async () => {
      for (const index of indexes.rows) await tx.execute(sql.raw(index.definition));
    });
  });
  await timed("VACUUM ANALYZE", () => db.execute(sql`VACUUM ANALYZE`));
  const [stats] = (
    await db.execute<{ conversations: number; opened: number; messages: number }>(sql`
      SELECT (SELECT count(*)::int FROM conversations WHERE workspace_id = ${WORKSPACE_ID}) AS conversations,
             (SELECT count(*)::int FROM conversations WHERE workspace_id = ${WORKSPACE_ID} AND opened_at IS NOT NULL) AS opened,
             (SELECT count(*)::int FROM messages WHERE workspace_id = ${WORKSPACE_ID}) AS messages`)
  ).rows;
  return stats!;
}

/** The naive floor: the same search with ILIKE over message text and the contact's fields, no special index. */
function naiveSearch(query: string): SQL {
  const like = `%${query.replace(/[\\%_"]/g, "")}%`;
  return sql`
    SELECT c.id FROM conversations c JOIN contacts ct ON ct.id = c.contact_id
    WHERE c.workspace_id = ${WORKSPACE_ID} AND c.opened_at IS NOT NULL AND c.state = 'open'
      AND (ct.first_name || ' ' || ct.last_name ILIKE ${like} OR ct.email ILIKE ${like} OR ct.phone ILIKE ${like} OR c.customer_identifier ILIKE ${like}
           OR EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.text ILIKE ${like}))
    ORDER BY c.last_message_at DESC LIMIT ${SEARCH_RESULT_LIMIT}`;
}

async function samples(count: number, warmup: number, run: () => Promise<number>): Promise<{ p50: number; p95: number; results: number }> {
  let results = 0;
  for (let i = 0; i < warmup; i++) results = await run();
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    results = await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), results };
}

export async function runSearchBench(options: SearchBenchOptions): Promise<SearchBenchResult> {
  console.log(`Parley inbox search benchmark — ${options.conversations.toLocaleString("en")} conversations, ${(options.conversations * 3).toLocaleString("en")} messages\n`);
  const database = await benchDatabase({ databaseUrl: options.databaseUrl });
  try {
    console.log("Building the data set:");
    const built = await buildData(options.conversations);
    console.log(`  ${built.conversations.toLocaleString("en")} conversations (${built.opened.toLocaleString("en")} opened, the rest unanswered campaigns), ${built.messages.toLocaleString("en")} messages`);

    const viewer = { workspaceId: WORKSPACE_ID, userId: AGENT_ID };
    // Someone with an opened conversation (odd ones opened), as an agent would look them up.
    const [person] = (
      await getDb().execute<{ email: string; phone: string }>(sql`
        SELECT ct.email, ct.phone FROM conversations c JOIN contacts ct ON ct.id = c.contact_id
        WHERE c.workspace_id = ${WORKSPACE_ID} AND c.opened_at IS NOT NULL AND c.state = 'open' ORDER BY c.id LIMIT 1 OFFSET ${Math.floor(built.opened / 3)}`)
    ).rows;
    const share = async (word: string) => {
      const [row] = (await getDb().execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM messages WHERE search_vector @@ websearch_to_tsquery('english', ${word})`)).rows;
      return ((100 * row!.n) / Math.max(1, built.messages)).toFixed(1);
    };
    const searches: [string, string][] = [
      [`a word (in ${await share("refund")}% of messages)`, "refund"],
      [`a rarer word (in ${await share("firewall")}% of messages)`, "firewall"],
      ["a phrase", '"shipping label"'],
      ["a word minus a word", "password -login"],
      ["a name with a typo", "Margret Hamilton"],
      ["an email", person!.email],
      ["a phone, typed with spaces", person!.phone.replace(/^\+1(\d{3})(\d{3})(\d{4})$/, "+1 $1 $2 $3")],
      ["a customer identifier", `ORDER-${2 * Math.floor(options.conversations / 6) + 1}`],
      ["nothing matches", "zebracorn"],
    ];

    console.log(`\nSearch (status open, at most ${SEARCH_RESULT_LIMIT} results, best first) — p50 / p95 in ms, beside the naive ILIKE floor:`);
    const timings: SearchTiming[] = [];
    for (const [label, query] of searches) {
      const fast = await samples(options.iterations, options.warmup, async () => (await searchInbox({ viewer, query, status: "open" })).length);
      const floor = await samples(options.floorIterations, Math.min(1, options.warmup), async () => (await getDb().execute(naiveSearch(query))).rows.length);
      timings.push({ label, query, results: fast.results, p50: fast.p50, p95: fast.p95, floorP50: floor.p50, floorP95: floor.p95, floorResults: floor.results });
    }
    console.log(`  ${"".padEnd(36)} ${"search".padStart(17)} ${"results".padStart(8)}   ${"ILIKE floor".padStart(19)} ${"results".padStart(8)}`);
    for (const t of timings) {
      console.log(
        `  ${t.label.padEnd(36)} ${t.p50.toFixed(1).padStart(8)} ${t.p95.toFixed(1).padStart(8)} ${String(t.results).padStart(8)}   ${t.floorP50.toFixed(0).padStart(9)} ${t.floorP95.toFixed(0).padStart(9)} ${String(t.floorResults).padStart(8)}`,
      );
    }
    const worst = timings.reduce((a, b) => (b.p95 > a.p95 ? b : a));
    console.log(`\nWorst p95: ${worst.p95.toFixed(1)} ms (${worst.label}) — target < 50 ms: ${worst.p95 < 50 ? "met" : "NOT met"}`);
    return { ...built, searches: timings, worst };
  } finally {
    await database.close();
  }
}

runAsScript(import.meta.url, async () => {
  await runSearchBench({ conversations: 1_000_000, iterations: 50, floorIterations: 5, warmup: 3 });
});
