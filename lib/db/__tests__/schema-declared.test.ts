import { spawn } from "node:child_process";
import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { generateDrizzleJson } from "drizzle-kit/api";
import pg from "pg";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import drizzleConfig from "@/drizzle.config";
import { useTestDatabase } from "@/lib/testing/test-database";
import { createContacts, createWorkspaceFixture } from "@/lib/workflow/testing/workspace-fixture";
import { schema as clientSchema, getDb } from "@/lib/db/client";
import { conversations } from "@/lib/db/schema/conversations";
import { runStepLog, runSteps, workflowRuns, workflowVersions, workflows } from "@/lib/db/schema/workflows";

/**
 * Everything the database has is declared in lib/db/schema (what drizzle-kit reads and what
 * typed queries use), and the declaration adds nothing the migrations lack. What drizzle-kit
 * cannot express stays in a hand-written migration and is listed here, with that migration.
 */
const HAND_WRITTEN = {
  // drizzle's foreignKey() has no DEFERRABLE. (0005 made conversations → runs deferrable; fanout-conversation-links dropped that key.)
  deferrableForeignKeys: [] as string[],
  triggers: [
    "contacts.contacts_catalogue_tags_on_insert", // 0019: the tags a statement writes enter contact_tags
    "contacts.contacts_catalogue_tags_on_update",
    "messages.messages_queue_sms", // 0003: every agent/bot message on an SMS channel gets its outbox row
    "messages.messages_queue_email", // email-outbox-trigger: the same for an email channel
    "webhook_deliveries.webhook_deliveries_kick_drain", // 0003: a delivery row queues the drain job
    "workflow_versions.workflow_versions_immutable", // 0001: a published version never changes
    // fanout-conversation-unlink-triggers: deleting runs or versions unlinks their conversations (no foreign keys there)
    "workflow_runs.workflow_runs_unlink_conversations",
    "workflow_versions.workflow_versions_unlink_conversations",
    // fanout-run-version-triggers: a run's version checked once per inserting statement (no key), deleted with its runs
    "workflow_runs.workflow_runs_check_version_on_insert",
    "workflow_runs.workflow_runs_check_version_on_update",
    "workflow_versions.workflow_versions_delete_runs",
    // fanout-run-contact-triggers: the same for a run's contact
    "workflow_runs.workflow_runs_check_contact_on_insert",
    "workflow_runs.workflow_runs_check_contact_on_update",
    "contacts.contacts_delete_runs",
    "contacts.contacts_forbid_rekey",
  ],
  functions: [
    "parley_catalogue_contact_tags",
    "parley_check_moved_run_contact",
    "parley_check_moved_run_version",
    "parley_check_run_contacts",
    "parley_check_run_versions",
    "parley_delete_contact_runs",
    "parley_delete_version_runs",
    "parley_forbid_contact_rekey",
    "parley_forbid_version_update",
    "parley_kick_webhook_drain",
    "parley_queue_email",
    "parley_queue_sms",
    "parley_unlink_run_conversations",
    "parley_unlink_version_conversations",
  ],
  // 0017: a pg_trgm expression index and an index on the list's order expressions (the
  // extension itself lives in the schema "extensions", not in public).
  indexes: [
    "contacts.contacts_list_order_idx",
    "contacts.contacts_search_trgm_idx",
    // 0021: the inbox search's trigram index on conversations' customer identifier.
    "conversations.conversations_customer_identifier_trgm_idx",
  ],
};

const ROOT = path.resolve(import.meta.dirname, "../../..");
const SCHEMA_DIR = path.join(ROOT, "lib/db/schema");

const { url } = await useTestDatabase();
let db: pg.Client;

beforeAll(async () => {
  db = new pg.Client({ connectionString: url });
  await db.connect();
});
afterAll(async () => {
  await db.end();
});

async function rows<T>(text: string): Promise<T[]> {
  return (await db.query(text)).rows as T[];
}

/** Every export of every file drizzle-kit reads (drizzle.config.ts: lib/db/schema/*.ts). */
async function schemaFileExports(): Promise<Record<string, unknown>> {
  const files = (await readdir(SCHEMA_DIR)).filter((file) => file.endsWith(".ts")).sort();
  const modules = await Promise.all(files.map((file) => import(path.join(SCHEMA_DIR, file)) as Promise<Record<string, unknown>>));
  return Object.assign({}, ...modules);
}

type SnapshotColumn = { name: string; type: string; notNull: boolean; primaryKey: boolean; default?: unknown; generated?: unknown };
type SnapshotTable = {
  name: string;
  columns: Record<string, SnapshotColumn>;
  indexes: Record<string, { name: string }>;
  foreignKeys: Record<string, { name: string; columnsFrom: string[]; tableTo: string; columnsTo: string[]; onDelete?: string }>;
  compositePrimaryKeys: Record<string, { columns: string[] }>;
  uniqueConstraints: Record<string, { name: string }>;
  checkConstraints: Record<string, { name: string }>;
};
type Snapshot = {
  tables: Record<string, SnapshotTable>;
  enums: Record<string, { name: string; values: string[] }>;
  views: Record<string, { name: string; columns: Record<string, SnapshotColumn> }>;
};

const sorted = <T>(values: Iterable<T>) => [...values].sort();
// A serial column is an integer with a sequence default.
const columnType = (column: SnapshotColumn) => ({ bigserial: "bigint", serial: "integer", smallserial: "smallint" })[column.type] ?? column.type;

describe("the schema drizzle-kit reads", () => {
  it("is the client's schema: no schema file is left out of getDb()", async () => {
    const declared = await schemaFileExports();
    const missing = Object.keys(declared).filter((name) => typeof declared[name] === "object" && declared[name] !== null && !(name in clientSchema));
    expect(missing).toEqual([]);
  });

  it("needs no new migration: drizzle-kit generate finds nothing to write", async () => {
    // drizzle-kit only accepts an output folder relative to the working directory.
    const scratch = await mkdtemp(path.join(os.tmpdir(), "parley-drizzle-check-"));
    try {
      await cp(path.join(ROOT, "drizzle"), scratch, { recursive: true });
      const before = sorted(await readdir(scratch));
      const args = ["generate", "--dialect", drizzleConfig.dialect, "--schema", String(drizzleConfig.schema), "--out", path.relative(ROOT, scratch)];
      const child = spawn(process.execPath, [path.join(ROOT, "node_modules/drizzle-kit/bin.cjs"), ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
      expect(code, output).toBe(0);
      expect(sorted(await readdir(scratch)), `drizzle-kit would write a migration:\n${output}`).toEqual(before);
      expect(output).toContain("No schema changes");
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });

  it("reads the run_step_log view typed, like a table", async () => {
    const ws = await createWorkspaceFixture(getDb());
    const [contactId] = await createContacts(getDb(), ws.workspaceId, [{ firstName: "Ada" }]);
    const [workflow] = await getDb().insert(workflows).values({ workspaceId: ws.workspaceId, name: "F", draftGraph: {} }).returning();
    const [version] = await getDb()
      .insert(workflowVersions)
      .values({ workspaceId: ws.workspaceId, workflowId: workflow!.id, version: 1, graph: {} })
      .returning();
    const [run] = await getDb()
      .insert(workflowRuns)
      .values({ workspaceId: ws.workspaceId, workflowId: workflow!.id, versionId: version!.id, contactId: contactId!, triggerKey: "once" })
      .returning();
    const at = new Date("2030-01-01T00:00:00Z");
    await getDb().insert(runSteps).values({ runId: run!.id, nodeId: "trigger", nodeType: "manual", status: "ok", outcome: "out", createdAt: at });
    const [conversation] = await getDb()
      .insert(conversations)
      .values({
        workspaceId: ws.workspaceId,
        contactId: contactId!,
        channelId: ws.chatChannelId,
        origin: "workflow",
        workflowId: workflow!.id,
        workflowVersionId: version!.id,
        runId: run!.id,
        nodeId: "start",
        state: "campaign",
        createdAt: new Date(at.getTime() + 1_000),
      })
      .returning();

    const log = await getDb().select().from(runStepLog).where(eq(runStepLog.runId, run!.id)).orderBy(asc(runStepLog.createdAt));
    expect(log).toEqual([
      expect.objectContaining({ runId: run!.id, nodeId: "trigger", nodeType: "manual", status: "ok", outcome: "out", detail: {}, error: null, createdAt: at }),
      { id: conversation!.id, runId: run!.id, nodeId: "start", nodeType: "start_conversation", status: "ok", outcome: "out", detail: { conversationId: conversation!.id }, error: null, createdAt: conversation!.createdAt },
    ]);
  });

  describe("declares what the migrated database has", () => {
    let declared: Snapshot;
    let tables: SnapshotTable[];
    beforeAll(async () => {
      declared = generateDrizzleJson(await schemaFileExports()) as unknown as Snapshot;
      tables = Object.values(declared.tables);
    });
    const byTable = <T>(list: T[], table: (row: T) => string, value: (row: T) => string) => {
      const map: Record<string, string[]> = {};
      for (const row of list) (map[table(row)] ??= []).push(value(row));
      for (const key of Object.keys(map)) map[key]!.sort();
      return map;
    };

    it("the same tables, with the same columns, types, nullability and defaults", async () => {
      const dbColumns = await rows<{ table: string; column: string; type: string; not_null: boolean; has_default: boolean }>(`
        SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null, a.atthasdef AS has_default
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped`);
      const describe = (table: string, column: string, type: string, notNull: boolean, hasDefault: boolean) =>
        `${table}.${column} ${type}${notNull ? " not null" : ""}${hasDefault ? " default" : ""}`;
      const inDatabase = sorted(dbColumns.map((c) => describe(c.table, c.column, c.type, c.not_null, c.has_default)));
      const inSchema = sorted(
        tables.flatMap((t) =>
          // A stored generated column's expression is kept in pg_attrdef, as a default is.
          Object.values(t.columns).map((c) => describe(t.name, c.name, columnType(c), c.notNull || c.primaryKey, c.default !== undefined || c.generated !== undefined || columnType(c) !== c.type)),
        ),
      );
      expect(inSchema).toEqual(inDatabase);
    });

    it("the same enums, values in order", async () => {
      const dbEnums = await rows<{ name: string; values: string[] }>(`
        SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS values
        FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = 'public' GROUP BY t.typname`);
      const toMap = (list: { name: string; values: string[] }[]) => Object.fromEntries(list.map((e) => [e.name, e.values]));
      expect(toMap(Object.values(declared.enums))).toEqual(toMap(dbEnums));
    });

    it("the same primary keys, unique and check constraints", async () => {
      const constraints = await rows<{ table: string; name: string; type: string; columns: string[] }>(`
        SELECT c.relname AS table, k.conname AS name, k.contype AS type,
          ARRAY(SELECT a.attname FROM unnest(k.conkey) WITH ORDINALITY u(n, i) JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.i)::text[] AS columns
        FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND k.contype IN ('p', 'u', 'c')`);
      const primaryKeys = (list: { table: string; columns: string[] }[]) => Object.fromEntries(list.map((k) => [k.table, sorted(k.columns).join(",")]));
      expect(
        primaryKeys(
          tables.map((t) => ({
            table: t.name,
            columns: Object.values(t.compositePrimaryKeys)[0]?.columns ?? Object.values(t.columns).filter((c) => c.primaryKey).map((c) => c.name),
          })),
        ),
      ).toEqual(primaryKeys(constraints.filter((k) => k.type === "p")));
      const named = (type: string) => sorted(constraints.filter((k) => k.type === type).map((k) => `${k.table}.${k.name}`));
      expect(sorted(tables.flatMap((t) => Object.values(t.uniqueConstraints).map((u) => `${t.name}.${u.name}`)))).toEqual(named("u"));
      expect(sorted(tables.flatMap((t) => Object.values(t.checkConstraints).map((u) => `${t.name}.${u.name}`)))).toEqual(named("c"));
    });

    it("the same foreign keys; the deferrable ones are the hand-written ones", async () => {
      const foreignKeys = await rows<{ table: string; name: string; columns: string[]; references: string; ref_columns: string[]; on_delete: string; deferrable: boolean }>(`
        SELECT c.relname AS table, k.conname AS name, r.relname AS references, k.confdeltype AS on_delete, k.condeferrable AS deferrable,
          ARRAY(SELECT a.attname FROM unnest(k.conkey) WITH ORDINALITY u(n, i) JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.i)::text[] AS columns,
          ARRAY(SELECT a.attname FROM unnest(k.confkey) WITH ORDINALITY u(n, i) JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n ORDER BY u.i)::text[] AS ref_columns
        FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND k.contype = 'f'`);
      const ON_DELETE: Record<string, string> = { a: "no action", r: "restrict", c: "cascade", n: "set null", d: "set default" };
      const inDatabase = sorted(
        foreignKeys.map((k) => `${k.table}.${k.name} (${k.columns.join(",")}) → ${k.references} (${k.ref_columns.join(",")}) on delete ${ON_DELETE[k.on_delete]}`),
      );
      const inSchema = sorted(
        tables.flatMap((t) =>
          Object.values(t.foreignKeys).map(
            (k) => `${t.name}.${k.name} (${k.columnsFrom.join(",")}) → ${k.tableTo} (${k.columnsTo.join(",")}) on delete ${k.onDelete ?? "no action"}`,
          ),
        ),
      );
      expect(inSchema).toEqual(inDatabase);
      expect(sorted(foreignKeys.filter((k) => k.deferrable).map((k) => `${k.table}.${k.name}`))).toEqual(sorted(HAND_WRITTEN.deferrableForeignKeys));
    });

    it("the same indexes", async () => {
      const indexes = await rows<{ table: string; name: string }>(`
        SELECT c.relname AS table, i.relname AS name
        FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid AND k.contype IN ('p', 'u'))`);
      const handWritten = HAND_WRITTEN.indexes.map((entry) => ({ table: entry.split(".")[0]!, name: entry.split(".")[1]! }));
      const declaredIndexes = [...tables.flatMap((t) => Object.values(t.indexes).map((i) => ({ table: t.name, name: i.name }))), ...handWritten];
      expect(byTable(declaredIndexes, (i) => i.table, (i) => i.name)).toEqual(
        byTable(indexes, (i) => i.table, (i) => i.name),
      );
    });

    it("the same views, with their columns", async () => {
      const viewColumns = await rows<{ view: string; column: string; type: string }>(`
        SELECT c.relname AS view, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('v', 'm') AND a.attnum > 0 AND NOT a.attisdropped`);
      const inSchema = Object.values(declared.views).flatMap((v) => Object.values(v.columns).map((c) => `${v.name}.${c.name} ${c.type}`));
      expect(sorted(inSchema)).toEqual(sorted(viewColumns.map((c) => `${c.view}.${c.column} ${c.type}`)));
    });

    it("nothing else but the listed hand-written triggers and functions", async () => {
      const triggers = await rows<{ name: string }>(`
        SELECT c.relname || '.' || t.tgname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND NOT t.tgisinternal`);
      expect(sorted(triggers.map((t) => t.name))).toEqual(sorted(HAND_WRITTEN.triggers));
      const functions = await rows<{ name: string }>(`
        SELECT p.proname AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'`);
      expect(sorted(functions.map((f) => f.name))).toEqual(sorted(HAND_WRITTEN.functions));
      const other = await rows<{ name: string; kind: string }>(`
        SELECT c.relname AS name, c.relkind AS kind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind NOT IN ('r', 'v', 'm', 'i', 'S')`);
      expect(other).toEqual([]);
    });
  });
});
