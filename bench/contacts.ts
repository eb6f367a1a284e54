/**
 * npm run bench:contacts — two measurements in a fresh embedded PostgreSQL:
 *
 * 1. Contacts › Import of a generated 100,000-row CSV (half new contacts, half existing ones
 *    matched by email and updated; 5 typed attributes; tags; an import tag), the whole way: the
 *    upload staged from a stream, then every batch as the job runs them. Against two floors in
 *    the same run: COPY of the same file into a plain table of text columns (the issue's floor:
 *    target ratio ≤ 3×), and the same rows written into contacts — same starting contacts, same
 *    indexes — by two set-based statements from that table, with no validation (what keeping
 *    contacts' indexes costs whoever writes them). Target: the whole import ≤ 20 s. Wall time and
 *    this process's CPU time are printed side by side.
 * 2. The Contacts list at 1,000,000 contacts: the first page (target p95 < 50 ms) and, apart, the
 *    "N contacts match" count the page streams in after it (capped at CONTACT_COUNT_CAP).
 *
 * `npm test` runs it once at a tiny size (bench/contacts.test.ts) so it keeps fitting the schema.
 */
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import type pg from "pg";
import { getDb, getPool } from "@/lib/db/client";
import { CONTACT_COUNT_CAP, countMatchingContacts } from "@/lib/contacts/count-matching-contacts";
import { searchContacts } from "@/lib/db/queries/contacts";
import { audienceFilterSchema, type AudienceFilter } from "@/lib/workflow/audience/audience-filter";
import { runService } from "@/lib/services/run-service";
import { startContactImport } from "@/lib/contact-imports/contact-imports";
import { uploadContactImport } from "@/lib/contact-imports/csv-upload";
import { runContactImportToEnd } from "@/lib/contact-imports/import-batch";
import type { ColumnMapping } from "@/lib/contact-imports/import-mapping";
import { benchDatabase } from "./bench-database";
import { percentile } from "./percentile";
import { runAsScript } from "./run-as-script";

export type ContactsBenchOptions = {
  importRows: number;
  listContacts: number;
  iterations: number;
  warmup: number;
  /** A migrated database to fill instead of a fresh embedded server (the smoke test's). */
  databaseUrl?: string;
};

export type Measured = { wallMs: number; cpuMs: number };
export type ContactsBenchResult = {
  copy: Measured;
  writeFloor: Measured;
  upload: Measured;
  batches: Measured;
  import: Measured;
  ratio: number;
  counts: { created: number; updated: number; failed: number };
  search: { label: string; p50: number; p95: number; countP50: number; countP95: number }[];
};

const IMPORT_WORKSPACE = "c0000000-0000-4000-8000-000000000001";
const LIST_WORKSPACE = "c0000000-0000-4000-8000-000000000002";
const FLOOR_WORKSPACE = "c0000000-0000-4000-8000-000000000003";
const ADMIN = "c0000000-0000-4000-8000-0000000000a1";
const COLUMNS = ["external_id", "first_name", "last_name", "email", "phone", "tags", "plan", "seats", "signed_up", "active", "region"];
const PLANS = ["free", "pro", "team", "enterprise"];

async function measured<T>(work: () => Promise<T>): Promise<[T, Measured]> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return [value, { wallMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000 }];
}

const show = (m: Measured) => `${(m.wallMs / 1000).toFixed(2).padStart(6)} s wall, ${(m.cpuMs / 1000).toFixed(2).padStart(6)} s CPU (this process)`;

/** Row n of the file: even rows are existing contacts (matched by email), odd ones are new. */
function csvRow(n: number): string {
  const phone = `+1415${String(2_000_000 + n).padStart(7, "0")}`;
  const day = String(1 + (n % 28)).padStart(2, "0");
  return [`ext-${n}`, `First${n}`, `Last${n}`, `person${n}@bench.test`, phone, n % 3 === 0 ? '"vip,newsletter"' : "newsletter", PLANS[n % 4], String(n % 250), `2025-03-${day}`, n % 2 ? "yes" : "no", `Region ${n % 12}`].join(",");
}

async function* fileChunks(rows: number): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  let buffer = `${COLUMNS.join(",")}\n`;
  for (let n = 0; n < rows; n++) {
    buffer += `${csvRow(n)}\n`;
    if (buffer.length >= 64 * 1024) {
      yield encoder.encode(buffer);
      buffer = "";
    }
  }
  yield encoder.encode(buffer);
}

async function setUp(options: ContactsBenchOptions) {
  const db = getDb();
  await db.execute(sql`INSERT INTO workspaces (id, name, plan) VALUES (${IMPORT_WORKSPACE}, 'Import bench', 'enterprise'), (${LIST_WORKSPACE}, 'List bench', 'enterprise'), (${FLOOR_WORKSPACE}, 'Write floor', 'enterprise')`);
  await db.execute(sql`INSERT INTO users (id, email, name) VALUES (${ADMIN}, 'admin@bench.test', 'Bench Admin')`);
  await db.execute(sql`INSERT INTO memberships (workspace_id, user_id, role) VALUES (${IMPORT_WORKSPACE}, ${ADMIN}, 'owner')`);
  await db.execute(sql`
    INSERT INTO contact_attribute_definitions (workspace_id, key, label, type, options) VALUES
      (${IMPORT_WORKSPACE}, 'plan', 'Plan', 'list', ${sql.param(PLANS)}::text[]),
      (${IMPORT_WORKSPACE}, 'seats', 'Seats', 'number', '{}'),
      (${IMPORT_WORKSPACE}, 'signed_up', 'Signed up', 'date', '{}'),
      (${IMPORT_WORKSPACE}, 'active', 'Active', 'boolean', '{}'),
      (${IMPORT_WORKSPACE}, 'region', 'Region', 'text', '{}')`);
  // Half the file's people exist already (the even rows), with older values and a tag of their
  // own — in the import's workspace and, alike, in the write floor's.
  for (const workspace of [IMPORT_WORKSPACE, FLOOR_WORKSPACE]) {
    await db.execute(sql`
      INSERT INTO contacts (workspace_id, email, first_name, tags, attributes)
      SELECT ${workspace}, 'person' || g || '@bench.test', 'Old' || g, '{customer}', '{"plan":"free","seats":1}'
      FROM generate_series(0, ${options.importRows - 1}, 2) g`);
  }
  // The list's workspace: names, emails and phones spread so searches find few or many.
  await db.execute(sql`
    INSERT INTO contacts (workspace_id, external_id, first_name, last_name, email, phone, company, tags)
    SELECT ${LIST_WORKSPACE}, 'l' || g, (ARRAY['Ada','Grace','Alan','Edsger','Barbara','Donald','Frances','Ken'])[1 + g % 8] || g,
           (ARRAY['Lovelace','Hopper','Turing','Dijkstra','Liskov','Knuth','Allen','Thompson'])[1 + (g / 8) % 8],
           'user' || g || '@list.test', '+1202' || lpad((g % 10000000)::text, 7, '0'), 'Company ' || (g % 5000),
           CASE WHEN g % 10 = 0 THEN '{vip}'::text[] ELSE '{}'::text[] END
    FROM generate_series(1, ${options.listContacts}) g`);
  await db.execute(sql`VACUUM ANALYZE`);
}

/**
 * COPY … FROM STDIN through the driver's own connection (what pg-copy-streams does, without the
 * dependency): the rows go to the server as one stream, the way psql's \copy sends them.
 */
function copyFromStdin(client: pg.PoolClient, statement: string, chunks: readonly Uint8Array[]): Promise<void> {
  return new Promise((resolve, reject) => {
    let failed: Error | null = null;
    type Connection = { query: (text: string) => void; sendCopyFromChunk: (chunk: Uint8Array) => void; endCopyFrom: () => void };
    const submittable = {
      submit: (connection: Connection) => connection.query(statement),
      handleCopyInResponse: (connection: Connection) => {
        for (const chunk of chunks) connection.sendCopyFromChunk(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        connection.endCopyFrom();
      },
      handleCommandComplete: () => {},
      handleReadyForQuery: () => (failed ? reject(failed) : resolve()),
      handleError: (error: Error) => {
        failed = error;
      },
    };
    void client.query(submittable as unknown as pg.QueryConfig);
  });
}

/** The floor: PostgreSQL's own COPY of the same rows into a plain table of text columns. */
async function copyFloor(rows: number): Promise<Measured> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of fileChunks(rows)) chunks.push(chunk);
  await getDb().execute(sql.raw(`CREATE TABLE bench_copy_floor (${COLUMNS.map((c) => `${c} text`).join(", ")})`));
  const client = await getPool().connect();
  try {
    const [, time] = await measured(() => copyFromStdin(client, "COPY bench_copy_floor FROM STDIN WITH (FORMAT csv, HEADER true)", chunks));
    const copied = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM bench_copy_floor");
    if (copied.rows[0]!.n !== rows) throw new Error(`COPY wrote ${copied.rows[0]!.n} rows, not ${rows}`);
    return time;
  } finally {
    client.release();
  }
}

/**
 * The second floor: the COPY'd rows written into contacts as the import writes them (the new ones
 * inserted, the existing ones matched by email and updated, attributes typed, tags added), by two
 * set-based statements and no validation at all: what contacts' indexes cost any writer.
 */
async function writeFloor(): Promise<Measured> {
  const attributes = sql.raw(`jsonb_build_object('plan', f.plan, 'seats', f.seats::numeric, 'signed_up', f.signed_up, 'active', f.active = 'yes', 'region', f.region)`);
  const tags = sql.raw(`string_to_array(f.tags, ',') || '{bench-import}'::text[]`);
  const [, time] = await measured(() =>
    getDb().transaction(async (tx) => {
      await tx.execute(sql`
        UPDATE contacts c SET external_id = f.external_id, first_name = f.first_name, last_name = f.last_name, phone = f.phone,
          attributes = c.attributes || ${attributes}, tags = c.tags || ${tags}, updated_at = now()
        FROM bench_copy_floor f
        WHERE c.workspace_id = ${FLOOR_WORKSPACE} AND lower(c.email) = lower(f.email)`);
      await tx.execute(sql`
        INSERT INTO contacts (workspace_id, external_id, first_name, last_name, email, phone, attributes, tags)
        SELECT ${FLOOR_WORKSPACE}, f.external_id, f.first_name, f.last_name, f.email, f.phone, ${attributes}, ${tags}
        FROM bench_copy_floor f
        WHERE NOT EXISTS (SELECT 1 FROM contacts c WHERE c.workspace_id = ${FLOOR_WORKSPACE} AND lower(c.email) = lower(f.email))`);
    }),
  );
  return time;
}

async function runImport(rows: number) {
  const admin = { workspace: { id: IMPORT_WORKSPACE, plan: "enterprise" as const }, actor: { type: "user" as const, userId: ADMIN, role: "owner" as const } };
  const system = { workspace: admin.workspace, actor: { type: "system" as const } };
  const [{ importId }, upload] = await measured(() => runService(admin, uploadContactImport, { fileName: "bench.csv", body: fileChunks(rows) }));
  const field = (name: Extract<ColumnMapping, { kind: "field" }>["field"]): ColumnMapping => ({ kind: "field", field: name });
  const mapping: ColumnMapping[] = [
    field("external_id"), field("first_name"), field("last_name"), field("email"), field("phone"), field("tags"),
    ...["plan", "seats", "signed_up", "active", "region"].map((key): ColumnMapping => ({ kind: "attribute", key })),
  ];
  const [, batches] = await measured(async () => {
    await runService(admin, startContactImport, { importId, mapping, matchBy: "email", existing: "update", tag: "bench-import" });
    await runContactImportToEnd(system, importId);
  });
  const counts = await getDb().execute<{ created: number; updated: number; failed: number }>(sql`SELECT created, updated, failed FROM contact_imports WHERE id = ${importId}`);
  return { upload, batches, counts: counts.rows[0]! };
}

export async function runContactsBench(options: ContactsBenchOptions): Promise<ContactsBenchResult> {
  console.log(`Parley contacts benchmark — import of ${options.importRows.toLocaleString("en")} rows; list at ${options.listContacts.toLocaleString("en")} contacts\n`);
  const database = await benchDatabase({ databaseUrl: options.databaseUrl });
  try {
    await setUp(options);
    const copy = await copyFloor(options.importRows);
    const written = await writeFloor();
    const { upload, batches, counts } = await runImport(options.importRows);
    const whole = { wallMs: upload.wallMs + batches.wallMs, cpuMs: upload.cpuMs + batches.cpuMs };
    const ratio = whole.wallMs / copy.wallMs;
    console.log("CSV import:");
    console.log(`  COPY into a plain table (floor)   ${show(copy)}`);
    console.log(`  same rows into contacts, set-based (write floor) ${show(written)}`);
    console.log(`  upload, streamed and staged       ${show(upload)}`);
    console.log(`  batches (match, validate, write)  ${show(batches)}`);
    console.log(`  whole import                      ${show(whole)}`);
    console.log(`  ${counts.created.toLocaleString("en")} created, ${counts.updated.toLocaleString("en")} updated, ${counts.failed} failed`);
    console.log(`  ratio to COPY: ${ratio.toFixed(1)}× — target ≤ 3×: ${ratio <= 3 ? "met" : "NOT met"}; whole import ≤ 20 s: ${whole.wallMs <= 20_000 ? "met" : "NOT met"}`);
    console.log(`  ratio to the write floor: ${(whole.wallMs / written.wallMs).toFixed(2)}×`);

    console.log(`\nContacts list at ${options.listContacts.toLocaleString("en")} contacts — p50 / p95 in ms of the first page, then of the count the page streams in after it:`);
    const vip = audienceFilterSchema.parse({ tags: { any: ["vip"] } });
    const searches: [string, string, AudienceFilter | null][] = [
      ["a rare name (Grace12345)", "Grace12345", null],
      ["a common surname (Hopper)", "Hopper", null],
      ["an exact email", `user${Math.max(1, Math.floor(options.listContacts / 2))}@list.test`, null],
      ["part of a phone (+1202555)", "+1202555", null],
      ["nobody (zzz)", "zzz", null],
      ["tag vip + Hopper", "Hopper", vip],
      ["tag vip, no search", "", vip],
    ];
    const search: ContactsBenchResult["search"] = [];
    const listPage = (query: string, filter: AudienceFilter | null) => searchContacts({ workspaceId: LIST_WORKSPACE, query, page: 1, filter });
    const listCount = (query: string, filter: AudienceFilter | null) => countMatchingContacts(getDb(), LIST_WORKSPACE, { q: query, audience: filter }, { atMost: CONTACT_COUNT_CAP });
    const timed = async (work: () => Promise<unknown>) => {
      for (let i = 0; i < options.warmup; i++) await work();
      const samples: number[] = [];
      for (let i = 0; i < options.iterations; i++) {
        const start = performance.now();
        await work();
        samples.push(performance.now() - start);
      }
      return samples.sort((a, b) => a - b);
    };
    for (const [label, query, filter] of searches) {
      const page = await timed(() => listPage(query, filter));
      const count = await timed(() => listCount(query, filter));
      search.push({ label, p50: percentile(page, 50), p95: percentile(page, 95), countP50: percentile(count, 50), countP95: percentile(count, 95) });
    }
    console.log(`  ${"".padEnd(32)} ${"page p50".padStart(9)} ${"p95".padStart(8)}   ${"count p50".padStart(9)} ${"p95".padStart(8)}`);
    for (const s of search) console.log(`  ${s.label.padEnd(32)} ${s.p50.toFixed(2).padStart(9)} ${s.p95.toFixed(2).padStart(8)}   ${s.countP50.toFixed(2).padStart(9)} ${s.countP95.toFixed(2).padStart(8)}`);
    const worst = search.reduce((a, b) => (b.p95 > a.p95 ? b : a));
    const worstCount = search.reduce((a, b) => (b.countP95 > a.countP95 ? b : a));
    console.log(`  worst page p95: ${worst.p95.toFixed(2)} ms (${worst.label}) — target < 50 ms: ${worst.p95 < 50 ? "met" : "NOT met"}`);
    console.log(`  worst count p95: ${worstCount.countP95.toFixed(2)} ms (${worstCount.label})`);
    return { copy, writeFloor: written, upload, batches, import: whole, ratio, counts, search };
  } finally {
    await database.close();
  }
}

runAsScript(import.meta.url, async () => {
  await runContactsBench({ importRows: 100_000, listContacts: 1_000_000, iterations: 20, warmup: 2 });
});
